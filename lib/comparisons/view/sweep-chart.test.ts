import { describe, expect, it } from "vitest";
import { aggregateFinalValues } from "./sweep";
import { prefersLogAxis, sweepFinalChart } from "./sweep-chart";

const colors = new Map([
  [0.01, "#111111"],
  [0.1, "#222222"],
  [1, "#333333"],
]);

describe("sweepFinalChart", () => {
  it("puts β on a log axis ticked at the swept values, one coloured point per β", () => {
    const aggregates = aggregateFinalValues({
      values: [
        { beta: 0.01, value: 1 },
        { beta: 0.1, value: 2 },
        { beta: 1, value: 3 },
      ],
    });
    const { data, layout } = sweepFinalChart({ aggregates, parameter: "beta_l", metric: "logps/chosen", colors });
    expect(layout.xaxis).toMatchObject({ type: "log", tickvals: [0.01, 0.1, 1], ticktext: ["0.01", "0.1", "1"] });
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ x: [0.01, 0.1, 1], y: [1, 2, 3], marker: { color: ["#111111", "#222222", "#333333"] }, error_y: { visible: false } });
  });

  it("shows seeds behind the mean with error bars, and leaves out a β with no finite value", () => {
    const aggregates = aggregateFinalValues({
      values: [
        { beta: 0.01, value: 1 },
        { beta: 0.01, value: 3 },
        { beta: 0.1, value: Number.NaN },
        { beta: 1, value: 5 },
      ],
    });
    const { data, layout } = sweepFinalChart({ aggregates, parameter: "beta", metric: "m", colors });
    expect(data.map((d) => d.name)).toEqual(["each run", "mean ± s.e."]);
    expect(data[0]).toMatchObject({ x: [0.01, 0.01, 1], y: [1, 3, 5] });
    expect(data[1]).toMatchObject({ x: [0.01, 1], y: [2, 5], error_y: { visible: true, array: [1, 0] } });
    expect(layout.showlegend).toBe(true);
  });
});

describe("prefersLogAxis", () => {
  it("asks for a log axis only for positive values spanning more than a decade", () => {
    expect(prefersLogAxis([1e-9, 0.04, null, Number.NaN])).toBe(true);
    expect(prefersLogAxis([0.5, 1])).toBe(false);
    expect(prefersLogAxis([0.1, 0.9])).toBe(false);
    expect(prefersLogAxis([2e-9, 1.8e-7])).toBe(true);
    expect(prefersLogAxis([-1e-9, 0.04])).toBe(false);
    expect(prefersLogAxis([0, 1])).toBe(false);
    expect(prefersLogAxis([1e-9])).toBe(false);
  });

  it("puts a sweep's unseen mass on a log y axis", () => {
    const aggregates = aggregateFinalValues({
      values: [
        { beta: 0.01, value: 1e-9 },
        { beta: 0.1, value: 2e-7 },
      ],
    });
    expect(sweepFinalChart({ aggregates, parameter: "beta_l", metric: "toy/unseen_mass", colors }).layout.yaxis).toMatchObject({ type: "log" });
  });
});
