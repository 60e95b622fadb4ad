import { describe, expect, it } from "vitest";
import { numberArrayLiteral, textArrayLiteral } from "./pg-arrays";

describe("pg array literals", () => {
  it("writes numbers with their non-finite spellings and NULLs", () => {
    expect(numberArrayLiteral([1, -2.5, Number.NaN, Infinity, -Infinity, null, 1e-300])).toBe("{1,-2.5,NaN,Infinity,-Infinity,NULL,1e-300}");
  });

  it("round-trips every double exactly through its shortest decimal form", () => {
    const x = 0.1 + 0.2;
    expect(Number(numberArrayLiteral([x]).slice(1, -1))).toBe(x);
  });

  it("quotes text and escapes quotes and backslashes", () => {
    expect(textArrayLiteral(["a", 'b"c', "d\\e", "NULL", "", null])).toBe('{"a","b\\"c","d\\\\e","NULL","",NULL}');
  });
});
