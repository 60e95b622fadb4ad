// Hostile values and byte-level damage for the fuzz tests: the HTTP fuzzers (tests/integration/fuzz-*.test.ts)
// and the importers' (lib/importers/*.fuzz.test.ts).
import fc from "fast-check";

/** A JSON text spliced in as is: numbers JSON.stringify cannot write, or nesting too deep to build as objects. */
export class Raw {
  constructor(readonly text: string) {}
}

const deep = (depth: number, open: string, close: string, leaf = "1") => new Raw(open.repeat(depth) + leaf + close.repeat(depth));

export const NUMBER_LITERALS = [
  "1e308",
  "-1e308",
  "1e309",
  "-1e400",
  "18446744073709551616",
  "-0",
  "-0.0",
  "4.9e-324",
  "1e-400",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  "9223372036854775808",
  "1" + "0".repeat(400),
  "0." + "0".repeat(300) + "1",
  "1.5",
  "-1",
];

export const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83d",
  "\ufeff",
  "💥",
  "é",
  "NaN",
  "Infinity",
  "-Infinity",
  "null",
  "true",
  "1e308",
  "-0",
  "__proto__",
  "constructor",
  "../..",
  "%00",
  "%2e%2e",
  "\\",
  '"',
  "'; drop table runs; --",
  "a".repeat(300),
  "a".repeat(5000),
  "\u202e",
  "\r\n",
  "0",
  "-1",
  "2024-02-30T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "0000-01-01T00:00:00Z",
];

/** A hostile JSON value: any of the shapes a careless client or an attacker might send. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(1e308, -1e308, 2 ** 64, -(2 ** 63), 2 ** 31, -0, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, 0.5, -1, 0, 3650.0001),
  fc.constantFrom(...NUMBER_LITERALS).map((t) => new Raw(t)),
  fc.constantFrom(null, true, false, [], {}, [[]], { "": null }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(100, 1000, 10_000).chain((d) => fc.constantFrom(deep(d, "[", "]"), deep(d, '{"a":', "}"), deep(d, '{"a":[', "]}"))),
);

export type Path = (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === "object" && !(value instanceof Raw)) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** A change to a valid value: replace or delete what sits at one path, add a key, or replace the whole body. */
export type ValueMutation =
  | { kind: "none" }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "add"; at: number; key: string; value: unknown }
  | { kind: "whole"; value: unknown };

export const valueMutation: fc.Arbitrary<ValueMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 8 })), value: nastyValue }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("whole" as const), value: nastyValue }) },
);

export function mutateValue(valid: unknown, mutation: ValueMutation): unknown {
  if (mutation.kind === "none") return valid;
  if (mutation.kind === "whole") return mutation.value;
  const copy: unknown = structuredClone(valid);
  const all = paths(copy);
  const targets = mutation.kind === "add" ? all.filter((p) => isContainer(at(copy, p))) : all.slice(1);
  if (targets.length === 0) return mutation.kind === "add" ? copy : mutation.kind === "replace" ? mutation.value : copy;
  const path = targets[mutation.at % targets.length]!;
  if (mutation.kind === "add") {
    const container = at(copy, path) as Record<string, unknown> | unknown[];
    if (Array.isArray(container)) container.push(mutation.value);
    else setOwn(container, mutation.key, mutation.value);
    return copy;
  }
  const parent = at(copy, path.slice(0, -1)) as Record<string, unknown> | unknown[];
  const key = path.at(-1)!;
  if (mutation.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (Array.isArray(parent)) parent[key as number] = mutation.value;
  else setOwn(parent, key as string, mutation.value);
  return copy;
}

const isContainer = (v: unknown) => v !== null && typeof v === "object" && !(v instanceof Raw);
const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);

/** JSON with `Raw` spliced in. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Raw ? `\u0001${raws.push(v.text) - 1}\u0001` : v)) ?? "null";
  return text.replace(/"\u0001(\d+)\u0001"/g, (_m, i: string) => raws[Number(i)]!);
}

/** Byte-level damage after serialising: truncation, invalid UTF-8, a duplicated key, a BOM. */
export type TextMutation =
  { kind: "none" } | { kind: "truncate"; at: number } | { kind: "bytes"; at: number; bytes: number[] } | { kind: "duplicate-key"; value: unknown } | { kind: "bom" };

const INVALID_UTF8 = [[0xff], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xfe, 0xff], [0xf0, 0x9f]];

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("bytes" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.constantFrom(...INVALID_UTF8) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("duplicate-key" as const), value: nastyValue }) },
  { weight: 1, arbitrary: fc.constant({ kind: "bom" as const }) },
);

const encoder = new TextEncoder();

export function mutateText(text: string, mutation: TextMutation): Uint8Array {
  const bytes = encoder.encode(text);
  switch (mutation.kind) {
    case "none":
      return bytes;
    case "truncate":
      return bytes.subarray(0, Math.floor(mutation.at * bytes.length));
    case "bytes": {
      const cut = Math.floor(mutation.at * bytes.length);
      return new Uint8Array([...bytes.subarray(0, cut), ...mutation.bytes, ...bytes.subarray(cut)]);
    }
    case "duplicate-key": {
      // The first key of the first object, sent again before it: JSON.parse keeps the later one.
      const match = /\{("(?:[^"\\]|\\.)*")\s*:/.exec(text);
      if (!match) return bytes;
      const dup = `${match[1]}:${toJsonText(mutation.value)},`;
      return encoder.encode(text.slice(0, match.index + 1) + dup + text.slice(match.index + 1));
    }
    case "bom":
      return encoder.encode(`\ufeff${text}`);
  }
}
