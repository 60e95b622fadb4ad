import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./rate-limit";

describe("TokenBuckets", () => {
  it("grants a burst, then one request per 1/rps seconds, with Retry-After in whole seconds ≥ 1", () => {
    const buckets = new TokenBuckets(() => ({ rps: 2, burst: 3 }));
    const t = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take("k", t))).toEqual([0, 0, 0]);
    expect(buckets.take("k", t)).toBe(1);
    expect(buckets.take("k", t + 499)).toBe(1);
    expect(buckets.take("k", t + 500)).toBe(0);
    expect(buckets.take("other", t + 500)).toBe(0);
  });

  it("rounds a long wait up", () => {
    const buckets = new TokenBuckets(() => ({ rps: 0.2, burst: 1 }));
    expect(buckets.take("k", 0)).toBe(0);
    expect(buckets.take("k", 0)).toBe(5);
    expect(buckets.take("k", 2_000)).toBe(3);
  });

  it("is off when the rate or the burst is 0", () => {
    const off = new TokenBuckets(() => ({ rps: 0, burst: 10 }));
    expect(Array.from({ length: 100 }, () => off.take("k", 0)).every((w) => w === 0)).toBe(true);
  });
});
