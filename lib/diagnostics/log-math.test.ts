import { describe, expect, it } from "vitest";

import { FiniteMean, finiteMedian, logAddExp, logSigmoid, sigmoid } from "./log-math";

describe("log-space helpers", () => {
  it("logSigmoid is exact where the naive form under- or overflows", () => {
    expect(logSigmoid(0)).toBeCloseTo(-Math.LN2, 15);
    expect(logSigmoid(-800)).toBeCloseTo(-800, 10);
    expect(logSigmoid(800)).toBe(-0);
    expect(logSigmoid(40)).toBeCloseTo(-Math.exp(-40), 30);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it("logAddExp handles infinities and keeps precision far apart", () => {
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(logAddExp(Infinity, Infinity)).toBe(Infinity);
    expect(logAddExp(-Infinity, -3)).toBe(-3);
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 10);
    expect(logAddExp(-1, -2)).toBeCloseTo(Math.log(Math.exp(-1) + Math.exp(-2)), 14);
    expect(Number.isNaN(logAddExp(Number.NaN, 1))).toBe(true);
  });

  it("median and mean skip non-finite values", () => {
    expect(finiteMedian([3, Number.NaN, 1, Infinity, 2])).toBe(2);
    expect(finiteMedian([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(finiteMedian([Number.NaN]))).toBe(true);
    const mean = new FiniteMean();
    for (const v of [1, Number.NaN, 3, -Infinity]) mean.add(v);
    expect(mean.value).toBe(2);
    expect(Number.isNaN(new FiniteMean().value)).toBe(true);
  });
});
