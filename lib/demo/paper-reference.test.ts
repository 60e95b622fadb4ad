import { describe, expect, it } from "vitest";
import { algorithmOfSetting, paperReferenceRuns } from "./paper-reference";

describe("paperReferenceRuns", () => {
  const runs = paperReferenceRuns();

  it("covers Tables 1, 2, 3, 8, 9 and 10, one run per row (Table 1: one per scenario)", () => {
    const byTable = new Map<string, number>();
    for (const r of runs) byTable.set(String(r.config.table), (byTable.get(String(r.config.table)) ?? 0) + 1);
    expect(Object.fromEntries(byTable)).toEqual({
      table1_logprobs: 4,
      table2_math_scores: 5,
      table3_ppo_vs_dpo: 3,
      table8_per_dataset: 5,
      table9_per_dataset: 5,
      table10_variants: 5,
    });
  });

  it("puts Table 1's basemodel at step 0 and DPO at step 1, with the paper's numbers", () => {
    const s2 = runs.find((r) => r.name === "Table 1 · Scenario 2")!;
    expect(s2.metrics).toEqual([
      { step: 0, values: { "13B chosen": -1.6776, "13B rejected": -0.9238, "33B chosen": -1.4314, "33B rejected": -0.3525 } },
      { step: 1, values: { "13B chosen": -1.6265, "13B rejected": -1.2293, "33B chosen": -1.2734, "33B rejected": -0.4254 } },
    ]);
  });

  it("names algorithms and scenarios so tables can group by them", () => {
    expect(algorithmOfSetting("RLHF-PPO")).toBe("ppo");
    expect(algorithmOfSetting("Flex-DPO")).toBe("flex_dpo");
    expect(algorithmOfSetting("basemodel")).toBe("base");
    const t2 = runs.find((r) => r.name === "Table 2 · DPO in Scenario 3")!;
    expect(t2.config).toMatchObject({ scenario: 3, unit: "percent", reference: true });
    expect(t2.metrics[0]!.values["13B 5 points"]).toBe(28.323);
  });
});
