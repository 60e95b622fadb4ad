import { describe, expect, it } from "vitest";
import { parsePythonLiteral, PythonLiteralError } from "./python-literal";

function errorOf(text: string): PythonLiteralError {
  try {
    parsePythonLiteral(text);
  } catch (error) {
    if (error instanceof PythonLiteralError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe("parsePythonLiteral", () => {
  it("reads a W&B summary repr as Python prints it: floats, nan, inf, -inf, None, True/False, nested", () => {
    // str() of {'_step': 99, 'train/loss': 0.693, 'lr': 1e-05, 'eval/loss': float('nan'), 'g': float('inf'), ...}
    const text = "{'_step': 99, 'train/loss': 0.693, 'lr': 1e-05, 'eval/loss': nan, 'g': inf, 'h': -inf, 'x': None, 'ok': True, 'no': False, '_wandb': {'runtime': 12}}";
    expect(parsePythonLiteral(text)).toEqual({
      _step: 99,
      "train/loss": 0.693,
      lr: 1e-5,
      "eval/loss": NaN,
      g: Infinity,
      h: -Infinity,
      x: null,
      ok: true,
      no: false,
      _wandb: { runtime: 12 },
    });
  });

  it("reads lists, tuples (1-tuples and the empty one), sets, and parentheses around one value", () => {
    expect(parsePythonLiteral("[1, [2.5, -3], ()]")).toEqual([1, [2.5, -3], []]);
    expect(parsePythonLiteral("(1,)")).toEqual([1]);
    expect(parsePythonLiteral("(1, 'a')")).toEqual([1, "a"]);
    expect(parsePythonLiteral("(1)")).toBe(1);
    expect(parsePythonLiteral("{1, 2}")).toEqual([1, 2]);
    expect(parsePythonLiteral("set()")).toEqual([]);
    expect(parsePythonLiteral("{'a': [1,],}")).toEqual({ a: [1] });
  });

  it("reads both quotes and Python's escapes, and non-ASCII text as written", () => {
    expect(parsePythonLiteral(`"it's"`)).toBe("it's");
    expect(parsePythonLiteral(`'say "hi"'`)).toBe('say "hi"');
    expect(parsePythonLiteral(`'both \\' and "'`)).toBe(`both ' and "`);
    expect(parsePythonLiteral(String.raw`'a\\b\n\t\r\x00\x7f\u00e9\U0001f600\101'`)).toBe("a\\b\n\t\r\x00\x7f\u00e9\u{1f600}A");
    expect(parsePythonLiteral("'β=0.1 — 日本語 😀'")).toBe("β=0.1 — 日本語 😀");
    expect(parsePythonLiteral(String.raw`'\d'`)).toBe("\\d"); // an unknown escape stays
    expect(parsePythonLiteral("b'raw'")).toBe("raw");
  });

  it("reads what json.dumps writes, NaN and Infinity included", () => {
    expect(parsePythonLiteral('{"beta": 0.1, "on": true, "off": false, "none": null, "n": NaN, "i": -Infinity, "p": "a\\/b"}')).toEqual({
      beta: 0.1,
      on: true,
      off: false,
      none: null,
      n: NaN,
      i: -Infinity,
      p: "a/b",
    });
  });

  it("numbers: ints, exponents, signs, a leading dot, -0.0", () => {
    expect(parsePythonLiteral("[0, -7, +3, 1.5e+20, 2E-3, .5, 5., -0.0, 12345678901234567890]")).toEqual([0, -7, 3, 1.5e20, 2e-3, 0.5, 5, -0, 12345678901234567890]);
    expect(Object.is(parsePythonLiteral("-0.0"), -0)).toBe(true);
  });

  it("non-string keys become the text Python prints; a __proto__ key stays a key", () => {
    const value = parsePythonLiteral("{1: 'a', 2.5: 'b', True: 'c', None: 'd', '__proto__': {'x': 1}}") as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["1", "2.5", "True", "None", "__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value["__proto__"]).toEqual({ x: 1 });
  });

  it("refuses what is not a literal, saying where", () => {
    const cases: [string, number, RegExp][] = [
      ["{'a': <object at 0x7f>}", 6, /unexpected character/],
      ["{'a': datetime(2024, 1, 1)}", 6, /"datetime" is not a literal/],
      ["{'a': 1", 7, /unexpected end of input, expected "}"/],
      ["{'a' 1}", 5, /expected "," or "}"/], // read as a set: no ":" after the first item
      ["{'a': 1, 'b' 2}", 13, /expected ":"/],
      ["['open", 1, /string never closes/],
      ["{'a': 1} trailing", 9, /unexpected text after the value/],
      ["'\\x4'", 1, /\\x needs 2 hex digits/],
      ["1j", 1, /not a number/],
      ["-'a'", 0, /a sign must be followed by a number/],
      ["{[1]: 2}", 1, /dict key/],
      ["", 0, /unexpected end of input/],
    ];
    for (const [text, offset, message] of cases) {
      const error = errorOf(text);
      expect([text, error.offset]).toEqual([text, offset]);
      expect(error.message).toMatch(message);
    }
  });

  it("refuses nesting past 64 levels without running out of stack", () => {
    expect(errorOf("[".repeat(100_000)).message).toMatch(/nests more than 64 levels/);
    expect(parsePythonLiteral("[".repeat(64) + "]".repeat(64))).toBeDefined();
  });
});
