import { describe, expect, it } from "vitest";
import { cellText, describeCell, formatMeanStd } from "./table-format";
import type { PivotCell } from "./table-pivot";

const cell = (over: Partial<PivotCell>): PivotCell => ({ mean: null, std: null, n: 1, nonFinite: { nan: 0, posInf: 0, negInf: 0 }, best: false, ...over });

describe("formatMeanStd", () => {
  it("rounds the std to two significant digits and the mean to the same place", () => {
    expect(formatMeanStd(-0.968123, 0.012345)).toEqual({ mean: "-0.968", std: "0.012" });
    expect(formatMeanStd(71.234, 3.456)).toEqual({ mean: "71.2", std: "3.5" });
    expect(formatMeanStd(512.7, 41)).toEqual({ mean: "513", std: "41" });
  });

  it("falls back to five significant digits without a spread", () => {
    expect(formatMeanStd(0.123456, null)).toEqual({ mean: "0.12346", std: null });
    expect(formatMeanStd(-1.6776, null)).toEqual({ mean: "-1.6776", std: null });
    expect(formatMeanStd(2, 0)).toEqual({ mean: "2", std: "0" });
    expect(formatMeanStd(null, null)).toEqual({ mean: "—", std: null });
  });

  it("uses exponents where fixed notation would not read", () => {
    expect(formatMeanStd(1e-12, 1e-13).mean).toMatch(/e-12$/);
    expect(formatMeanStd(5e7, 2).mean).toMatch(/e\+7$/);
  });
});

describe("describeCell", () => {
  it("notes left-out values and a cell with fewer runs than its row", () => {
    const c = cell({ mean: 0.5, std: 0.1, n: 2, nonFinite: { nan: 1, posInf: 0, negInf: 0 } });
    expect(describeCell(c, 3)).toEqual({ mean: "0.50", std: "0.10", note: "1 NaN; n=2" });
    expect(cellText(c, 3)).toBe("0.50 ± 0.10 (1 NaN; n=2)");
  });

  it("names an all-non-finite cell instead of printing a dash", () => {
    expect(describeCell(cell({ n: 1, nonFinite: { nan: 1, posInf: 0, negInf: 0 } }), 1)).toEqual({ mean: "NaN", std: null, note: null });
    expect(cellText(cell({ n: 2, nonFinite: { nan: 1, posInf: 0, negInf: 1 } }), 2)).toBe("non-finite (1 NaN, 1 -Inf)");
    expect(cellText(cell({ n: 0 }), 3)).toBe("—");
  });
});
