import { describe, expect, it } from "vitest";
import { boundBandCurve, boundLineData, evenIndices } from "./bound-points";

describe("bound-points", () => {
  it("keeps short series whole and long ones to the budget, first and last included", () => {
    expect(evenIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    const picked = evenIndices(5000, 1000);
    expect(picked).toHaveLength(1000);
    expect(picked[0]).toBe(0);
    expect(picked.at(-1)).toBe(4999);
  });

  it("keeps the non-finite points of a long line and their markers", () => {
    const x = Array.from({ length: 3000 }, (_, i) => i);
    const y = x.map((i) => (i === 1501 ? null : Math.sin(i)));
    const bounded = boundLineData({ x, y, markers: [{ label: "NaN", x: [1501], y: [1] }] });
    expect(bounded.x.length).toBeLessThanOrEqual(1000);
    expect(bounded.x).toContain(1501);
    expect(bounded.markers).toEqual([{ label: "NaN", x: [1501], y: [1] }]);
  });

  it("cuts every array of a band curve at the same steps", () => {
    const steps = Array.from({ length: 2500 }, (_, i) => i * 2);
    const curve = boundBandCurve({ steps, mean: steps.map((s) => s / 2), lo: steps, hi: steps, n: steps.map(() => 3) });
    expect(curve.steps).toHaveLength(1000);
    expect(curve.mean).toEqual(curve.steps.map((s) => s / 2));
  });
});
