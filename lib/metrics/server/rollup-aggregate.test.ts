import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { aggregateBuckets, comparePg, type BucketAggregate } from "./rollup-aggregate";

/** Every level straight from the rows, one row at a time: the definition the fast version must match. */
function naiveBuckets(keyIds: number[], steps: number[], values: number[], levels: number[], width: (l: number) => number) {
  const out = new Map<string, BucketAggregate>();
  steps.forEach((step, i) => {
    for (const level of levels) {
      const [keyId, value, bucket] = [keyIds[i]!, values[i]!, Math.floor(step / width(level))];
      const a = out.get(`${keyId}:${level}:${bucket}`);
      if (!a) {
        out.set(`${keyId}:${level}:${bucket}`, { keyId, level, bucket, n: 1, minValue: value, minStep: step, minTime: -step, maxValue: value, maxStep: step, maxTime: -step });
        continue;
      }
      a.n += 1;
      if (comparePg(value, step, a.minValue, a.minStep) < 0) [a.minValue, a.minStep, a.minTime] = [value, step, -step];
      const byValue = comparePg(value, 0, a.maxValue, 0);
      if (byValue > 0 || (byValue === 0 && step < a.maxStep)) [a.maxValue, a.maxStep, a.maxTime] = [value, step, -step];
    }
  });
  return out;
}

describe("comparePg", () => {
  it("orders like Postgres float8: -Infinity < numbers < +Infinity < NaN, ties by step", () => {
    const sorted = [
      [Number.NaN, 0],
      [Infinity, 0],
      [1, 5],
      [1, 2],
      [-Infinity, 9],
    ].sort((a, b) => comparePg(a[0]!, a[1]!, b[0]!, b[1]!));
    expect(sorted).toEqual([
      [-Infinity, 9],
      [1, 2],
      [1, 5],
      [Infinity, 0],
      [Number.NaN, 0],
    ]);
  });
});

describe("aggregateBuckets", () => {
  it("keeps each bucket's count, min and max with their steps at every level", () => {
    const steps = [0, 1, 2, 3, 70];
    const values = [5, Number.NaN, -1, -1, 9];
    const out = aggregateBuckets(
      [1, 1, 1, 1, 1],
      steps,
      values,
      steps.map((s) => 100 + s),
      [1, 2],
      (l) => (l === 1 ? 64 : 256),
    );
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

describe("aggregateBuckets against the row-by-row definition", () => {
  const value = fc.oneof(fc.double(), fc.constantFrom(0, 1, Number.NaN, Infinity, -Infinity));
  const row = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.nat(5000), value);
  it("gives the same buckets at every level, rows in any order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: ([k, s]) => `${k}:${s}`, maxLength: 200 }), (rows) => {
        const [keyIds, steps, values] = [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])];
        const width = (l: number) => 4 * 4 ** (l - 1);
        const fast = aggregateBuckets(
          keyIds,
          steps,
          values,
          steps.map((s) => -s),
          [1, 2, 3, 4],
          width,
        );
        const naive = naiveBuckets(keyIds, steps, values, [1, 2, 3, 4], width);
        expect(fast.length).toBe(naive.size);
        for (const a of fast) expect(a).toStrictEqual(naive.get(`${a.keyId}:${a.level}:${a.bucket}`));
      }),
      { numRuns: 500 },
    );
  });
});
