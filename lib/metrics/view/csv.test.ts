import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes what needs quoting and keeps numbers exact", () => {
    expect(
      toCsv(
        ["key", "step", "value"],
        [
          ["a,b", 1, 0.1 + 0.2],
          ['say "hi"', 2, Number.NaN],
          ["x", 3, null],
        ],
      ),
    ).toBe('key,step,value\n"a,b",1,0.30000000000000004\n"say ""hi""",2,NaN\nx,3,\n');
  });
});

describe("csvField", () => {
  it("defuses text a spreadsheet would run as a formula, as the tables export does", () => {
    expect(['=HYPERLINK("x")', "+1", "-loss", "@sum", "\tx", "\rx", "-1", "loss"].map((v) => toCsv([v], []).trimEnd())).toEqual([
      '"\'=HYPERLINK(""x"")"',
      "'+1",
      "'-loss",
      "'@sum",
      "'\tx",
      '"\'\rx"',
      "-1",
      "loss",
    ]);
  });
});
