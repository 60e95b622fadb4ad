import { describe, expect, it } from "vitest";
import { dpoVsRmSearch, resolveDpoVsRm, type CandidateRun } from "./dpo-vs-rm-state";

let counter = 0;
const run = (algorithm: string | null, scenario?: number): CandidateRun => {
  counter += 1;
  return { id: `id-${counter}`, name: `${algorithm}-${counter}`, algorithm, config: scenario === undefined ? {} : { scenario } };
};

/** Scenario 2 has DPO only; scenario 3 has both; scenario 1 a reward model and IPO. */
function runs(): CandidateRun[] {
  return [run("dpo", 2), run("dpo", 2), run("reward_model", 1), run("ipo", 1), run("dpo", 3), run("dpo", 3), run("reward_model", 3), run("sft")];
}

const fromSearch = (search: string) => Object.fromEntries(new URLSearchParams(search));

describe("resolveDpoVsRm", () => {
  it("defaults to the first scenario with a reward model and DPO, those two methods, accuracy", () => {
    const view = resolveDpoVsRm({ params: {}, runs: runs(), metricNames: ["loss", "eval/pref_accuracy"] });
    expect(view.scenarios).toEqual(["1", "2", "3"]);
    expect(view.state).toMatchObject({ scenario: "3", metric: "eval/pref_accuracy", band: "minmax", methods: ["dpo", "reward_model"] });
    expect(view.selected.map((r) => r.algorithm)).toEqual(["dpo", "dpo", "reward_model"]);
  });

  it("falls back to every method present when neither DPO nor a reward model is", () => {
    const view = resolveDpoVsRm({ params: { scenario: "all" }, runs: [run("ipo"), run("slic")], metricNames: ["rewards/accuracies", "loss"] });
    expect(view.state).toMatchObject({ scenario: null, metric: "rewards/accuracies", methods: ["ipo", "slic"] });
  });

  it("honours the URL: scenario, methods (empty means none), excluded runs, band", () => {
    const all = runs();
    const excluded = all[4]!.id;
    const view = resolveDpoVsRm({ params: { scenario: "3", methods: "dpo", exclude: excluded, band: "std" }, runs: all, metricNames: [] });
    expect(view.selected.map((r) => r.id)).toEqual([all[5]!.id]);
    expect(view.methodCounts).toEqual([
      { method: "dpo", count: 2 },
      { method: "reward_model", count: 1 },
    ]);
    expect(resolveDpoVsRm({ params: { methods: "" }, runs: all, metricNames: [] }).selected).toEqual([]);
  });

  it("round-trips its state through the URL", () => {
    const view = resolveDpoVsRm({ params: { scenario: "1", methods: "ipo,reward_model", band: "std", metric: "loss", exclude: "a,b" }, runs: runs(), metricNames: [] });
    const again = resolveDpoVsRm({ params: fromSearch(dpoVsRmSearch(view.state)), runs: runs(), metricNames: [] });
    expect(again.state).toEqual(view.state);
  });
});
