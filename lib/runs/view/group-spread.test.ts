import { describe, expect, it } from "vitest";
import { groupSpread } from "./group-spread";

describe("group spread", () => {
  it("is the mean ± the sample standard deviation of the finite numbers", () => {
    expect(groupSpread([1, 2, 3])).toBe("2 ± 1");
    expect(groupSpread([2, NaN, null, "x", 4, Infinity])).toBe("3 ± 1.414");
    expect(groupSpread([0.5])).toBe("0.5");
    expect(groupSpread(["dpo", null])).toBeNull();
  });
});
