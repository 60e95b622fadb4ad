import { describe, expect, it } from "vitest";
import { parseRunQuery } from "./parse-run-query";
import { closest, runQueryHints } from "./query-hints";

const vocabulary = { configKeys: ["beta", "scenario", "seed"], metricNames: ["loss", "rewards/margins", "logps/rejected"], algorithms: ["dpo", "ipo", "slic"] };
const hints = (q: string) => runQueryHints(parseRunQuery(q), vocabulary);

describe("query hints", () => {
  it("names a config key, metric or algorithm no run has, with the nearest known one", () => {
    expect(hints("config.bta < 0.1")).toEqual(['No run in this project has the config key "bta". Did you mean config.beta?']);
    expect(hints("metric.los.last < 0.3")).toEqual(['No run in this project logged a metric named "los". Did you mean metric.loss?']);
    expect(hints("algorithm = dpoo")).toEqual(['No run in this project has the algorithm "dpoo" (this project\'s: dpo, ipo, slic). Did you mean dpo?']);
    expect(hints("algorithm IN (dpo, ppo2) AND NOT has:metric.grad_norm")).toEqual([
      'No run in this project has the algorithm "ppo2" (this project\'s: dpo, ipo, slic).',
      'No run in this project logged a metric named "grad_norm".',
    ]);
  });

  it("says nothing of names the project has, nested config paths under a known key, or free text", () => {
    expect(hints("config.beta < 0.1 AND metric.logps/rejected.last < -100 AND algorithm = DPO")).toEqual([]);
    expect(hints("config.scenario.name = x OR dpo-run")).toEqual([]);
    expect(hints("algorithm != dpoo")).toEqual([]); // "not dpoo" selects runs; nothing is silently empty
    expect(runQueryHints(null, vocabulary)).toEqual([]);
  });

  it("suggests only within a typo's reach", () => {
    expect(closest("margins", ["rewards/margins"])).toBeNull();
    expect(closest("rewards/margin", ["rewards/margins", "rewards/chosen"])).toBe("rewards/margins");
  });
});
