import { describe, expect, it } from "vitest";
import { formatValue, scalarConfigKeys } from "./format";
import { sortRows } from "@/lib/runs/view/sort-rows";

describe("formatValue", () => {
  it("names non-finite values instead of hiding them", () => {
    expect(formatValue(Number.NaN)).toBe("NaN");
    expect(formatValue(Infinity)).toBe("+Inf");
    expect(formatValue(-Infinity)).toBe("−Inf");
    expect(formatValue(null)).toBe("—");
  });

  it("keeps four significant digits and switches to exponents at the extremes", () => {
    expect(formatValue(0.123456)).toBe("0.1235");
    expect(formatValue(5e-7)).toBe("5.00e-7");
    expect(formatValue(42)).toBe("42");
  });
});

describe("scalarConfigKeys", () => {
  it("prefers keys most runs share and skips nested values", () => {
    expect(
      scalarConfigKeys([
        { beta: 0.1, model: { a: 1 } },
        { beta: 0.2, seed: 1 },
      ]),
    ).toEqual(["beta", "seed"]);
  });
});

describe("sortRows", () => {
  const rows = [{ v: 2 }, { v: Number.NaN }, { v: 10 }, { v: null }, { v: -1 }];
  it("sorts numbers numerically with missing values last in both directions", () => {
    expect(sortRows(rows, (r) => r.v, "asc").map((r) => r.v)).toEqual([-1, 2, 10, Number.NaN, null]);
    expect(sortRows(rows, (r) => r.v, "desc").map((r) => r.v)).toEqual([10, 2, -1, Number.NaN, null]);
  });

  it("sorts strings naturally", () => {
    const names = [{ n: "run-10" }, { n: "run-2" }];
    expect(sortRows(names, (r) => r.n, "asc").map((r) => r.n)).toEqual(["run-2", "run-10"]);
  });
});
