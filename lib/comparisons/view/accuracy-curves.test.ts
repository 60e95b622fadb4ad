import { describe, expect, it } from "vitest";
import { bandCurve, commonSteps, interpolateAt, methodCurves, type SeedPoint, type SeedSeries } from "./accuracy-curves";

/** A seed logged every `every` steps up to `last`, value = f(step). */
const seed = (every: number, last: number, f: (step: number) => number): SeedPoint[] =>
  Array.from({ length: Math.floor(last / every) + 1 }, (_, i) => ({ step: i * every, value: f(i * every) }));

describe("interpolateAt", () => {
  it("interpolates linearly between points and never extrapolates", () => {
    const points = [
      { step: 0, value: 0 },
      { step: 10, value: 1 },
    ];
    expect(interpolateAt(points, [-1, 0, 5, 10, 11])).toEqual([null, 0, 0.5, 1, null]);
  });
});

describe("commonSteps", () => {
  it("takes the union of steps, or an even grid when the union is too long", () => {
    expect(commonSteps([seed(20, 100, () => 0), seed(25, 100, () => 0)])).toEqual([0, 20, 25, 40, 50, 60, 75, 80, 100]);
    const grid = commonSteps([seed(1, 1000, () => 0)], 11);
    expect(grid).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});

describe("bandCurve", () => {
  it("lines up seeds logged at different steps and spans min–max", () => {
    const curve = bandCurve({ seeds: [seed(20, 100, (s) => s / 100), seed(25, 100, (s) => s / 50)], band: "minmax" });
    const at = curve.steps.indexOf(50);
    // Seed 1 at 50 is interpolated between 40 and 60: 0.5; seed 2 logged 1.0 there.
    expect(curve.lo[at]).toBeCloseTo(0.5, 12);
    expect(curve.hi[at]).toBeCloseTo(1, 12);
    expect(curve.mean[at]).toBeCloseTo(0.75, 12);
    expect(curve.n[at]).toBe(2);
  });

  it("spans mean ± std and counts only the seeds that reach a step", () => {
    const curve = bandCurve({ seeds: [seed(10, 100, () => 1), seed(10, 100, () => 3), seed(10, 50, () => 2)], band: "std" });
    const at = curve.steps.indexOf(20);
    expect(curve.mean[at]).toBe(2);
    expect(curve.hi[at]! - curve.lo[at]!).toBeCloseTo(2, 12);
    expect(curve.n[curve.steps.indexOf(100)]).toBe(2);
  });

  it("bridges a NaN point from its finite neighbours", () => {
    const points = [
      { step: 0, value: 0 },
      { step: 5, value: Number.NaN },
      { step: 10, value: 1 },
    ];
    const curve = bandCurve({ seeds: [points], band: "minmax" });
    expect(curve.steps).toEqual([0, 10]);
  });
});

describe("methodCurves", () => {
  it("makes one curve per method and summarises each seed's last value, NaN counted apart", () => {
    const series: SeedSeries[] = [
      { runId: "a", name: "rm-1", method: "reward_model", points: seed(10, 50, () => 1) },
      { runId: "b", name: "dpo-1", method: "dpo", points: seed(10, 50, () => 0.6) },
      { runId: "c", name: "dpo-2", method: "dpo", points: [...seed(10, 40, () => 0.8), { step: 50, value: Number.NaN }] },
    ];
    const curves = methodCurves({ series, band: "minmax" });
    expect(curves.map((c) => c.method)).toEqual(["dpo", "reward_model"]);
    expect(curves[0]!.runs.map((r) => r.name)).toEqual(["dpo-1", "dpo-2"]);
    expect(curves[0]!.final).toMatchObject({ mean: 0.6, n: 2, nonFinite: { nan: 1 } });
    expect(curves[0]!.nonFinite).toBe(1);
    expect(curves[1]!.final.mean).toBe(1);
  });
});
