// Python's repr of plain data (what `str(dict)` writes, and so what pandas writes for a column of dicts): dicts,
// lists, tuples and sets; strings in single or double quotes with Python's escapes; ints and floats, nan, inf and
// -inf; True, False, None. JSON's spellings (true, null, NaN, Infinity, `\/`) are read too, so a column written
// with json.dumps parses the same. Anything else (an object's `<... at 0x...>`, `datetime(...)`) is an error
// with the offset where it starts: these cells are data, never code, so nothing is evaluated.

/** A cell that is not a Python literal; `offset` is the character where reading stopped. */
export class PythonLiteralError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "PythonLiteralError";
  }
}

/** Nesting past this is refused here (jsonb would refuse it later anyway), so no input can exhaust the stack. */
const MAX_DEPTH = 64;

const WORDS = new Map<string, unknown>([
  ["True", true],
  ["False", false],
  ["None", null],
  ["true", true],
  ["false", false],
  ["null", null],
  ["nan", Number.NaN],
  ["NaN", Number.NaN],
  ["inf", Number.POSITIVE_INFINITY],
  ["Infinity", Number.POSITIVE_INFINITY],
]);

const SIMPLE_ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", r: "\r", t: "\t", a: "\x07", b: "\b", f: "\f", v: "\v", "/": "/", "\n": "" };
const NUMBER = /[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z_][A-Za-z_0-9]*/y;

/** A dict key as JSON holds it: strings as they are, other literals as Python would print them. */
function keyText(key: unknown): string {
  if (typeof key === "string") return key;
  if (key === true) return "True";
  if (key === false) return "False";
  if (key === null) return "None";
  if (typeof key === "number") return Number.isNaN(key) ? "nan" : key === Infinity ? "inf" : key === -Infinity ? "-inf" : String(key);
  return JSON.stringify(key);
}

class Reader {
  at = 0;
  constructor(private readonly text: string) {}

  fail(message: string, at = this.at): never {
    throw new PythonLiteralError(at, message);
  }

  skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  value(depth: number): unknown {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === undefined) this.fail("unexpected end of input");
    if (c === "{") return this.braces(depth + 1);
    if (c === "[") return this.sequence("]", depth + 1);
    if (c === "(") return this.parens(depth + 1);
    if (c === "'" || c === '"') return this.string();
    if (c === "-" || c === "+") return this.signed();
    if (/[0-9.]/.test(c)) return this.number();
    return this.word();
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`nests more than ${MAX_DEPTH} levels`);
  }

  /** Items up to `close`, comma-separated, a trailing comma allowed; counts the commas (a 1-tuple has one). */
  private items(close: string, read: () => void): { commas: number } {
    let commas = 0;
    this.skipSpace();
    while (this.text[this.at] !== close) {
      read();
      this.skipSpace();
      if (this.text[this.at] === ",") {
        commas++;
        this.at++;
        this.skipSpace();
      } else if (this.text[this.at] !== close) this.fail(this.at >= this.text.length ? `unexpected end of input, expected "${close}"` : `expected "," or "${close}"`);
    }
    this.at++;
    return { commas };
  }

  private braces(depth: number): unknown {
    this.enter(depth);
    this.at++;
    this.skipSpace();
    if (this.text[this.at] === "}") {
      this.at++;
      return {};
    }
    // A set ({1, 2}) has no ":" after its first item: kept as a list.
    const start = this.at;
    this.value(depth);
    this.skipSpace();
    const isSet = this.text[this.at] !== ":";
    this.at = start;
    if (isSet) return this.sequence("}", depth, true);
    const out: Record<string, unknown> = {};
    this.items("}", () => {
      const keyAt = this.at;
      const key = this.value(depth);
      if (key !== null && typeof key === "object") this.fail("a dict key must be a string, number, bool or None", keyAt);
      this.skipSpace();
      if (this.text[this.at] !== ":") this.fail('expected ":"');
      this.at++;
      // defineProperty: a "__proto__" key stays a key.
      Object.defineProperty(out, keyText(key), { value: this.value(depth), enumerable: true, writable: true, configurable: true });
    });
    return out;
  }

  private sequence(close: string, depth: number, opened = false): unknown[] {
    this.enter(depth);
    if (!opened) this.at++;
    const out: unknown[] = [];
    this.items(close, () => out.push(this.value(depth)));
    return out;
  }

  /** `()` and `(a, b)` are tuples (lists here); `(a)` is `a`. */
  private parens(depth: number): unknown {
    this.enter(depth);
    this.at++;
    const out: unknown[] = [];
    const { commas } = this.items(")", () => out.push(this.value(depth)));
    return out.length === 1 && commas === 0 ? out[0] : out;
  }

  private signed(): number {
    const sign = this.text[this.at] === "-" ? -1 : 1;
    const start = this.at++;
    this.skipSpace();
    const next = this.text[this.at] ?? "";
    if (!/[0-9.A-Za-z]/.test(next)) this.fail("a sign must be followed by a number", start);
    const value = /[0-9.]/.test(next) ? this.number() : this.word();
    if (typeof value !== "number") this.fail("a sign must be followed by a number", start);
    return sign * value;
  }

  private number(): number {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail("not a number");
    this.at += match[0].length;
    if (/[A-Za-z_0-9]/.test(this.text[this.at] ?? "")) this.fail("not a number (complex, hex or a name after digits)");
    return Number(match[0]);
  }

  private word(): unknown {
    WORD.lastIndex = this.at;
    const match = WORD.exec(this.text);
    if (!match) this.fail(`unexpected character ${JSON.stringify(this.text[this.at])}`);
    const name = match[0];
    // bytes (b'...') read as text; set() is the empty set's repr.
    if (name === "b" && /['"]/.test(this.text[this.at + 1] ?? "")) {
      this.at++;
      return this.string();
    }
    if (name === "set" && this.text.startsWith("set()", this.at)) {
      this.at += 5;
      return [];
    }
    if (!WORDS.has(name)) this.fail(`${JSON.stringify(name)} is not a literal`);
    this.at += name.length;
    return WORDS.get(name);
  }

  private string(): string {
    const quote = this.text[this.at]!;
    const start = this.at++;
    let out = "";
    let from = this.at;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined || c === "\n") this.fail("string never closes", start);
      if (c === quote) break;
      if (c !== "\\") {
        this.at++;
        continue;
      }
      out += this.text.slice(from, this.at);
      out += this.escape();
      from = this.at;
    }
    out += this.text.slice(from, this.at);
    this.at++;
    return out;
  }

  private escape(): string {
    const start = this.at;
    const c = this.text[this.at + 1];
    if (c === undefined) this.fail("string never closes", start);
    this.at += 2;
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c]!;
    const hex = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (hex) {
      const digits = this.text.slice(this.at, this.at + hex);
      if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) this.fail(`\\${c} needs ${hex} hex digits`, start);
      this.at += hex;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) this.fail("code point past U+10FFFF", start);
      return String.fromCodePoint(code);
    }
    if (/[0-7]/.test(c)) {
      const digits = /^[0-7]{1,3}/.exec(this.text.slice(this.at - 1, this.at + 2))![0];
      this.at += digits.length - 1;
      return String.fromCharCode(parseInt(digits, 8));
    }
    // Python keeps an unknown escape as written.
    return `\\${c}`;
  }
}

/** Parses one Python literal (a repr); surrounding whitespace is allowed, anything else after it is not. */
export function parsePythonLiteral(text: string): unknown {
  const reader = new Reader(text);
  const value = reader.value(0);
  reader.skipSpace();
  if (reader.at < text.length) reader.fail("unexpected text after the value");
  return value;
}
