import { describe, expect, it } from "vitest";
import { aggregateBuckets, comparePg } from "./rollup-aggregate";

describe("comparePg", () => {
  it("orders like Postgres float8: -Infinity < numbers < +Infinity < NaN, ties by step", () => {
    const sorted = [[Number.NaN, 0], [Infinity, 0], [1, 5], [1, 2], [-Infinity, 9]].sort((a, b) => comparePg(a[0]!, a[1]!, b[0]!, b[1]!));
    expect(sorted).toEqual([[-Infinity, 9], [1, 2], [1, 5], [Infinity, 0], [Number.NaN, 0]]);
  });
});

describe("aggregateBuckets", () => {
  it("keeps each bucket's count, min and max with their steps at every level", () => {
    const steps = [0, 1, 2, 3, 70];
    const values = [5, Number.NaN, -1, -1, 9];
    const out = aggregateBuckets([1, 1, 1, 1, 1], steps, values, steps.map((s) => 100 + s), [1, 2], (l) => (l === 1 ? 64 : 256));
    const b0 = out.find((a) => a.level === 1 && a.bucket === 0)!;
    expect(b0).toMatchObject({ n: 4, minValue: -1, minStep: 2, minTime: 102, maxStep: 1, maxTime: 101 });
    expect(Number.isNaN(b0.maxValue)).toBe(true);
    expect(out.find((a) => a.level === 1 && a.bucket === 1)).toMatchObject({ n: 1, minValue: 9, maxValue: 9 });
    expect(out.find((a) => a.level === 2 && a.bucket === 0)).toMatchObject({ n: 5, minValue: -1, minStep: 2 });
  });

  it("breaks ties toward the earliest step for both the min and the max", () => {
    const [a] = aggregateBuckets([1, 1, 1], [4, 2, 3], [7, 7, 7], [0, 0, 0], [1], () => 64);
    expect(a).toMatchObject({ minStep: 2, maxStep: 2 });
  });
});
