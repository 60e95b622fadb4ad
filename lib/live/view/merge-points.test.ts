import { describe, expect, it } from "vitest";
import { mergePoints } from "./merge-points";

const pt = (step: number, value: number | "NaN" | "Infinity" | "-Infinity" = step) => ({ step, value, time: 1_700_000_000 + step, count: 1 });
const series = (...steps: number[]) => ({ key: "loss", total: steps.length, sampled: false, points: steps.map((s) => pt(s)) });

describe("mergePoints", () => {
  it("appends points past the last step", () => {
    const merged = mergePoints(series(1, 2), [pt(3), pt(4)]);
    expect(merged.points.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(merged.total).toBe(4);
  });

  it("never doubles a point: merging the same event twice changes nothing", () => {
    const once = mergePoints(series(1, 2), [pt(3), pt(4)]);
    const twice = mergePoints(once, [pt(3), pt(4)]);
    expect(twice.points).toEqual(once.points);
    expect(twice.total).toBe(4);
  });

  it("replaces a rewritten step and inserts a late one in order", () => {
    const merged = mergePoints(series(1, 3, 5), [pt(3, 30), pt(2), pt(6)]);
    expect(merged.points.map((p) => [p.step, p.value])).toEqual([
      [1, 1],
      [2, 2],
      [3, 30],
      [5, 5],
      [6, 6],
    ]);
    expect(merged.total).toBe(5);
  });

  it("keeps non-finite values as the API spells them", () => {
    const merged = mergePoints(series(1), [pt(2, "NaN"), pt(3, "-Infinity")]);
    expect(merged.points.map((p) => p.value)).toEqual([1, "NaN", "-Infinity"]);
  });

  it("takes only the points inside a zoomed range", () => {
    const merged = mergePoints(series(1, 2), [pt(3), pt(40)], [0, 10]);
    expect(merged.points.map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it("returns the same object when nothing falls in", () => {
    const s = series(1);
    expect(mergePoints(s, [pt(99)], [0, 10])).toBe(s);
  });
});
