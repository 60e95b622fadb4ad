import { describe, expect, it } from "vitest";
import { pivotTable, readConfigPath, summariseValues, type PivotRunInput, type TableColumn } from "./table-pivot";

let counter = 0;
/** A run with `loss` and `acc` summaries; `last` values given, first = last + 1, min = last - 1, max = last + 2. */
function run(config: Record<string, unknown>, values: { loss?: number; acc?: number }, extra: Partial<PivotRunInput> = {}): PivotRunInput {
  counter += 1;
  const summary = (v: number) => ({ first: v + 1, last: v, min: v - 1, max: v + 2 });
  const metrics: PivotRunInput["metrics"] = {};
  if (values.loss !== undefined) metrics.loss = summary(values.loss);
  if (values.acc !== undefined) metrics.acc = summary(values.acc);
  return { id: `id-${counter}`, name: `run-${counter}`, group: null, algorithm: "dpo", config, metrics, ...extra };
}

const columns: TableColumn[] = [
  { key: "loss", stat: "last", better: "lower" },
  { key: "acc", stat: "last", better: "higher" },
];

describe("summariseValues", () => {
  it("gives mean and sample std over finite values and counts the rest", () => {
    const s = summariseValues([1, 2, 3, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(s.mean).toBe(2);
    expect(s.std).toBeCloseTo(1, 12);
    expect(s.n).toBe(5);
    expect(s.nonFinite).toEqual({ nan: 1, posInf: 1, negInf: 0 });
  });

  it("has no std for one value and no mean for none", () => {
    expect(summariseValues([4])).toMatchObject({ mean: 4, std: null, n: 1 });
    expect(summariseValues([Number.NaN])).toMatchObject({ mean: null, std: null, n: 1, nonFinite: { nan: 1 } });
    expect(summariseValues([])).toMatchObject({ mean: null, n: 0 });
  });
});

describe("pivotTable", () => {
  it("groups seeds by a config key, rows in numeric order, mean ± std per column", () => {
    const runs = [10, 2, 1].flatMap((scenario) => [run({ scenario, seed: 1 }, { loss: scenario, acc: 0.5 }), run({ scenario, seed: 2 }, { loss: scenario + 2, acc: 0.7 })]);
    const table = pivotTable({ runs, groupBy: "config.scenario", columns });
    expect(table.rowHeader).toBe("scenario");
    expect(table.rows.map((r) => r.label)).toEqual(["1", "2", "10"]);
    const row = table.rows[2]!;
    expect(row.runs).toHaveLength(2);
    expect(row.cells[0]).toMatchObject({ mean: 11, n: 2 });
    expect(row.cells[0]!.std).toBeCloseTo(Math.SQRT2, 12);
    expect(table.columns.map((c) => c.label)).toEqual(["loss (last)", "acc (last)"]);
  });

  it("reads the chosen step statistic", () => {
    const runs = [run({}, { loss: 5 })];
    const stats = (["first", "last", "min", "max"] as const).map(
      (stat) => pivotTable({ runs, groupBy: "run", columns: [{ key: "loss", stat, better: "none" }] }).rows[0]!.cells[0]!.mean,
    );
    expect(stats).toEqual([6, 5, 4, 7]);
  });

  it("marks the best mean per column in the column's direction, ties included, none for 'none'", () => {
    const runs = [run({ s: "a" }, { loss: 3, acc: 0.9 }), run({ s: "b" }, { loss: 1, acc: 0.9 }), run({ s: "c" }, { loss: 2, acc: 0.1 })];
    const table = pivotTable({ runs, groupBy: "config.s", columns });
    expect(table.rows.map((r) => r.cells[0]!.best)).toEqual([false, true, false]);
    expect(table.rows.map((r) => r.cells[1]!.best)).toEqual([true, true, false]);
    const none = pivotTable({ runs, groupBy: "config.s", columns: [{ key: "loss", stat: "last", better: "none" }] });
    expect(none.rows.some((r) => r.cells[0]!.best)).toBe(false);
    const tied = pivotTable({ runs: runs.slice(0, 2), groupBy: "config.s", columns });
    expect(tied.rows.map((r) => r.cells[1]!.best)).toEqual([false, false]);
  });

  it("leaves NaN out of the mean but counts it, and never marks an all-NaN row best", () => {
    const runs = [run({ s: "a" }, { loss: 1 }), run({ s: "a" }, { loss: Number.NaN }), run({ s: "b" }, { loss: Number.NaN }), run({ s: "c" }, { loss: 5 })];
    const table = pivotTable({ runs, groupBy: "config.s", columns: [columns[0]!] });
    expect(table.rows[0]!.cells[0]).toMatchObject({ mean: 1, std: null, n: 2, nonFinite: { nan: 1 }, best: true });
    expect(table.rows[1]!.cells[0]).toMatchObject({ mean: null, n: 1, best: false });
  });

  it("counts only runs that logged the metric in a cell's n; missing group values sort last as a dash", () => {
    const runs = [run({ s: "a" }, { loss: 1 }), run({ s: "a" }, { acc: 1 }), run({}, { loss: 2 })];
    const table = pivotTable({ runs, groupBy: "config.s", columns });
    expect(table.rows.map((r) => r.label)).toEqual(["a", "—"]);
    expect(table.rows[0]!.cells.map((c) => c.n)).toEqual([1, 1]);
  });

  it("groups by algorithm and run group; one row per run (even with equal names) for 'run'", () => {
    const runs = [run({}, { loss: 1 }, { algorithm: "ipo", group: "g1", name: "same" }), run({}, { loss: 2 }, { algorithm: "dpo", group: "g1", name: "same" })];
    expect(pivotTable({ runs, groupBy: "algorithm", columns }).rows.map((r) => r.label)).toEqual(["dpo", "ipo"]);
    expect(pivotTable({ runs, groupBy: "group", columns }).rows).toHaveLength(1);
    expect(pivotTable({ runs, groupBy: "run", columns }).rows).toHaveLength(2);
  });
});

describe("readConfigPath", () => {
  it("prefers a literal dotted key, then walks nested objects", () => {
    expect(readConfigPath({ "a.b": 1, a: { b: 2 } }, "a.b")).toBe(1);
    expect(readConfigPath({ a: { b: 2 } }, "a.b")).toBe(2);
    expect(readConfigPath({ a: 3 }, "a.b")).toBeUndefined();
  });
});
