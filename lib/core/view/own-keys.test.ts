import { describe, expect, it } from "vitest";
import { getOwn, setOwn } from "./own-keys";

describe("setOwn / getOwn", () => {
  it("treat prototype-like names as keys like any other", () => {
    const out: Record<string, number> = {};
    for (const [i, name] of ["__proto__", "constructor", "toString", "hasOwnProperty"].entries()) setOwn(out, name, i);
    expect(Object.keys(out)).toEqual(["__proto__", "constructor", "toString", "hasOwnProperty"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    expect(getOwn(out, "__proto__")).toBe(0);
    expect(getOwn({}, "constructor")).toBeUndefined();
    expect(getOwn({}, "__proto__")).toBeUndefined();
  });
});
