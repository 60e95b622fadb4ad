import { describe, expect, it } from "vitest";
import { smoothEma } from "./smoothing";

describe("smoothEma", () => {
  it("leaves the data alone at weight 0", () => {
    expect(smoothEma([1, 2, 3], 0)).toEqual([1, 2, 3]);
  });

  it("is debiased: a constant series stays constant from the first point", () => {
    for (const v of smoothEma([5, 5, 5, 5], 0.9)) expect(v).toBeCloseTo(5, 12);
  });

  it("matches the recurrence with bias correction", () => {
    const [a, b] = smoothEma([1, 3], 0.5);
    expect(a).toBeCloseTo(1, 12);
    expect(b).toBeCloseTo((0.5 * 0.5 * 1 + 0.5 * 3) / (1 - 0.25), 12);
  });

  it("skips non-finite values and nulls without poisoning later points", () => {
    const out = smoothEma([1, Number.NaN, null, 1], 0.8);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNull();
    expect(out[3]).toBeCloseTo(1, 12);
  });
});
