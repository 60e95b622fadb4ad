import { describe, expect, it } from "vitest";
import { columnLabel, columnsFromParam, columnValue, groupRuns, metricKeysOf, parseColumn, type RunLike } from "./run-columns";

const run = (over: Partial<RunLike>): RunLike => ({
  name: "r",
  algorithm: "dpo",
  status: "finished",
  group: null,
  tags: [],
  created_at: "2026-01-01",
  config: {},
  flags: [],
  metrics: {},
  ...over,
});

describe("run columns", () => {
  it("parses metric columns whose names contain slashes and dots up to the aggregate", () => {
    expect(parseColumn("metric.rewards/accuracies.last")).toEqual({ kind: "metric", name: "rewards/accuracies", aggregate: "last" });
    expect(parseColumn("metric.eval.acc.max")).toEqual({ kind: "metric", name: "eval.acc", aggregate: "max" });
    expect(parseColumn("metric.loss.median")).toBeNull();
    expect(parseColumn("config.beta")).toEqual({ kind: "config", key: "beta" });
    expect(columnLabel("metric.loss.min")).toBe("loss (min)");
    expect(columnLabel("metric.loss.last")).toBe("loss (last)");
    expect(columnLabel("config.steps")).toBe("config.steps");
  });

  it("reads the URL's columns, dropping unknown ids, and the metrics they need", () => {
    const cols = columnsFromParam("name,bogus,metric.loss.last,metric.loss.min,config.beta", ["name"]);
    expect(cols).toEqual(["name", "metric.loss.last", "metric.loss.min", "config.beta"]);
    expect(metricKeysOf(cols)).toEqual(["loss"]);
    expect(columnsFromParam("", ["name"])).toEqual(["name"]);
  });

  it("sorts flags by severity then count, and groups by a config value with counts", () => {
    expect(columnValue(run({ flags: [{ severity: "warning" }, { severity: "info" }] }), "flags")).toBeCloseTo(2.2);
    const runs = [run({ name: "a", config: { scenario: 1 } }), run({ name: "b", config: { scenario: 2 } }), run({ name: "c", config: { scenario: 1 } }), run({ name: "d" })];
    expect(groupRuns(runs, "config.scenario").map((g) => [g.key, g.runs.map((r) => r.name)])).toEqual([
      ["1", ["a", "c"]],
      ["2", ["b"]],
      ["—", ["d"]],
    ]);
    const both = groupRuns([...runs, run({ name: "e", algorithm: "ipo", config: { scenario: 1 } })], ["config.scenario", "algorithm"]);
    expect(both.map((g) => [g.key, g.label, g.runs.map((r) => r.name)])).toEqual([
      ["1 · dpo", "config.scenario = 1, algorithm = dpo", ["a", "c"]],
      ["2 · dpo", "config.scenario = 2, algorithm = dpo", ["b"]],
      ["— · dpo", "config.scenario = —, algorithm = dpo", ["d"]],
      ["1 · ipo", "config.scenario = 1, algorithm = ipo", ["e"]],
    ]);
  });
});

describe("diagnostic columns", () => {
  it("parse, label and read the run's stored diagnostics, non-finite values as numbers", () => {
    expect(parseColumn("diag.drop_ratio")).toEqual({ kind: "diagnostic", name: "drop_ratio" });
    // Only the diagnostics that make columns; anything else is not a column.
    expect(parseColumn("diag.constructor")).toBeNull();
    expect(parseColumn("diag.")).toBeNull();
    expect(columnLabel("diag.log_g")).toBe("log G (nats)");
    const withDiagnostics = run({ diagnostics: { drop_ratio: 4.5, log_g: "Infinity" } });
    expect(columnValue(withDiagnostics, "diag.drop_ratio")).toBe(4.5);
    expect(columnValue(withDiagnostics, "diag.log_g")).toBe(Number.POSITIVE_INFINITY);
    expect(columnValue(withDiagnostics, "diag.leaked_mass_median")).toBeNull();
    expect(columnValue(run({}), "diag.drop_ratio")).toBeNull();
  });
});
