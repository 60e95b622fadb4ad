import { describe, expect, it } from "vitest";
import { parsePythonJson } from "./python-json";

describe("parsePythonJson", () => {
  it("reads Python's non-finite tokens in any position, but not inside strings", () => {
    expect(parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN -Infinity", "d": "\\"NaN"}')).toEqual({
      a: NaN,
      b: [Infinity, -Infinity],
      c: "NaN -Infinity",
      d: '"NaN',
    });
  });

  it("leaves plain JSON to JSON.parse and still throws on broken text", () => {
    expect(parsePythonJson('{"a": 1}')).toEqual({ a: 1 });
    expect(() => parsePythonJson("{NaN")).toThrow(SyntaxError);
    expect(() => parsePythonJson("{oops")).toThrow(SyntaxError);
  });
});
