// Splits a runs-table query into tokens, each with its character span so errors can point at it.
import type { CompareOp } from "./run-query-ast";
import { RunQueryError } from "./run-query-error";

export type QuoteChar = '"' | "'" | "`";

export type RunQueryToken =
  | { kind: "word"; text: string; start: number; end: number }
  | { kind: "string"; text: string; quote: QuoteChar; start: number; end: number }
  | { kind: "op"; op: CompareOp | ":"; start: number; end: number }
  | { kind: "lparen" | "rparen" | "comma" | "eof"; start: number; end: number };

const OPS: readonly (CompareOp | ":")[] = ["!=", "!~", "<=", ">=", "=", "<", ">", "~", ":"];
// `!` is not here: alone it is an error, not part of a word, so `name!=x` still splits.
const BREAKS = new Set([..." \t\r\n()=!<>~,:\"'`"]);
const QUOTES = new Set(['"', "'", "`"]);

export function tokenizeRunQuery(source: string): RunQueryToken[] {
  const tokens: RunQueryToken[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: ch === "(" ? "lparen" : ch === ")" ? "rparen" : "comma", start, end: ++i });
      continue;
    }
    if (QUOTES.has(ch)) {
      const { text, end } = readQuoted(source, i);
      tokens.push({ kind: "string", text, quote: ch as QuoteChar, start, end });
      i = end;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "op", op, start, end: (i += op.length) });
      continue;
    }
    if (ch === "!") throw new RunQueryError('Unexpected "!" (use != or !~, or NOT to negate)', start);
    i = readWord(source, i, afterOperator(tokens));
    tokens.push({ kind: "word", text: source.slice(start, i), start, end: i });
  }
  tokens.push({ kind: "eof", start: source.length, end: source.length });
  return tokens;
}

function afterOperator(tokens: RunQueryToken[]): boolean {
  return tokens.at(-1)?.kind === "op";
}

/**
 * A bare word runs to the next break. A value (right after an operator) may hold colons, so times need no
 * quotes (`created > 2024-05-01T12:00`). A quote inside a word is part of it (`don't`) unless it follows a dot,
 * where it opens a quoted path segment (metric.`eval.acc`.last).
 */
function readWord(source: string, from: number, isValue: boolean): number {
  let i = from;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ":" && isValue) {
      i++;
      continue;
    }
    if (QUOTES.has(ch) && i > from && source[i - 1] !== ".") {
      i++;
      continue;
    }
    if (BREAKS.has(ch)) break;
    i++;
  }
  return i;
}

/** A quoted string from its opening quote; a backslash takes the next character literally. */
function readQuoted(source: string, from: number): { text: string; end: number } {
  const quote = source[from]!;
  let text = "";
  for (let i = from + 1; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === quote) return { text, end: i + 1 };
    if (ch === "\\" && i + 1 < source.length) {
      text += source[++i];
      continue;
    }
    text += ch;
  }
  throw new RunQueryError(`Unterminated ${quote} string`, from);
}
