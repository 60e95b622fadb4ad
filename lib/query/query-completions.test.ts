import { describe, expect, it } from "vitest";
import { parseRunQuery } from "./parse-run-query";
import { queryCompletions } from "./query-completions";

const vocabulary = { configKeys: ["beta", "scenario", "seed", "beta_l"], metricNames: ["loss", "rewards/margins", "eval.acc"] };
const labels = (text: string) => queryCompletions(text, vocabulary).map((c) => c.label);

describe("query completions", () => {
  it("completes config keys and metric names of the project, prefix matches first", () => {
    expect(labels("algorithm = dpo AND config.be")).toEqual(["config.beta", "config.beta_l"]);
    expect(labels("config.l")).toEqual(["config.beta_l"]);
    expect(labels("metric.mar")).toEqual(["metric.rewards/margins.last"]);
    expect(labels("has:metric.lo")).toEqual(["has:metric.loss"]);
    expect(queryCompletions("(config.sc", vocabulary)[0]!.text).toBe("(config.scenario ");
  });

  it("completes field names from the catalog, and nothing inside a value", () => {
    expect(labels("alg")).toEqual(["algorithm"]);
    expect(labels("flag >= warning AND he")).toEqual(["health"]);
    expect(queryCompletions("con", vocabulary)[0]).toEqual({ label: "config.", text: "config." });
    expect(labels("name = ")).toEqual([]);
    expect(labels("a")).toEqual([]);
  });

  it("quotes a metric name the language does not take bare, and the result parses", () => {
    const [completion] = queryCompletions("metric.eval", vocabulary);
    expect(completion!.label).toBe("metric.`eval.acc`.last");
    expect(() => parseRunQuery(`${completion!.text}< 1`)).not.toThrow();
  });
});
