import { describe, expect, it } from "vitest";
import { meanSeries, sweepCurveLines } from "./sweep-curves";

const pts = (...values: (number | string)[]) => values.map((value, step) => ({ step, value }));

describe("meanSeries", () => {
  it("averages the runs at each step, over the runs that logged it", () => {
    expect(meanSeries({ series: [pts(1, 2, 3), pts(3, 4)] })).toEqual([
      { step: 0, value: 2 },
      { step: 1, value: 3 },
      { step: 2, value: 3 },
    ]);
  });

  it("carries a non-finite value into the mean", () => {
    expect(meanSeries({ series: [pts(1, "NaN"), pts(1, 2)] })[1]).toEqual({ step: 1, value: "NaN" });
    expect(meanSeries({ series: [pts("Infinity"), pts(1)] })[0]).toEqual({ step: 0, value: "Infinity" });
  });
});

describe("sweepCurveLines", () => {
  const sweep = {
    parameter: "beta_l" as const,
    values: [0.01, 0.1],
    runs: [
      { id: "a", name: "a", beta: 0.01 },
      { id: "b", name: "b", beta: 0.1 },
      { id: "c", name: "c", beta: 0.1 },
    ],
  };
  const colors = new Map([
    [0.01, "#000001"],
    [0.1, "#000002"],
  ]);

  it("draws one line per β, averaging seeds, in the β's colour", () => {
    const lines = sweepCurveLines({ sweep, seriesByRun: { a: pts(5, 6), b: pts(1, 1), c: pts(3, 3) }, colors });
    expect(lines.map((l) => [l.name, l.color, l.data.y])).toEqual([
      ["β_l = 0.01", "#000001", [5, 6]],
      ["β_l = 0.1 (mean of 2)", "#000002", [2, 2]],
    ]);
  });

  it("leaves out a β none of whose runs logged the metric", () => {
    expect(sweepCurveLines({ sweep, seriesByRun: { b: pts(1) }, colors }).map((l) => l.name)).toEqual(["β_l = 0.1"]);
  });
});
