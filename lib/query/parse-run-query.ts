// The runs table's filter language, parsed by recursive descent. Grammar (keywords case-insensitive):
//
//   query   := or?
//   or      := and (OR and)*
//   and     := unary ((AND)? unary)*            -- adjacent terms are ANDed
//   unary   := (NOT | "-") unary | "(" or ")" | term
//   term    := "has" ":" path                   -- the field has a value
//            | path op value                    -- op: = != < <= > >= ~ !~, or ":" meaning =
//            | path (NOT)? IN "(" value ("," value)* ")"
//            | text                             -- a bare word or quoted string: name contains it
//   path    := segment ("." segment)*           -- a segment is a bare word or a "..." '...' `...` string
//   value   := number | "string" | word | true | false | null     -- numbers include 1e-3, -2, NaN, inf
import type { CompareOp, RunQueryNode, RunQueryValue } from "./run-query-ast";
import { checkRunQueryComparison } from "./check-run-query-term";
import { RunQueryError } from "./run-query-error";
import { resolveRunQueryField, type PathSegment } from "./run-query-fields";
import { tokenizeRunQuery, type RunQueryToken } from "./tokenize-run-query";

export const RUN_QUERY_LIMITS = { maxLength: 500, maxDepth: 20, maxTerms: 50 } as const;

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const SPECIAL_NUMBERS: Record<string, number> = { nan: NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity };

/** The query's tree, or null for a blank query (no filter). Throws `RunQueryError` with the offset at fault. */
export function parseRunQuery(source: string): RunQueryNode | null {
  if (source.length > RUN_QUERY_LIMITS.maxLength) {
    throw new RunQueryError(`Query is longer than ${RUN_QUERY_LIMITS.maxLength} characters`, RUN_QUERY_LIMITS.maxLength);
  }
  // Postgres text cannot hold NUL (nor an unpaired surrogate): a query naming one can match nothing, and would fail there.
  const unstorable = UNSTORABLE.exec(source);
  if (unstorable) throw new RunQueryError("Query contains a NUL character or an unpaired UTF-16 surrogate", unstorable.index);
  const parser = new Parser(tokenizeRunQuery(source));
  return parser.parseQuery();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private terms = 0;

  constructor(private readonly tokens: RunQueryToken[]) {}

  parseQuery(): RunQueryNode | null {
    if (this.peek().kind === "eof") return null;
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind === "rparen") throw new RunQueryError('Unexpected ")" with no "(" to close', next.start);
    if (next.kind !== "eof") throw new RunQueryError(`Unexpected ${describe(next)}`, next.start);
    return node;
  }

  private parseOr(): RunQueryNode {
    const children = [this.parseAnd()];
    while (this.isKeyword(this.peek(), "or")) {
      this.pos++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: "or", children };
  }

  private parseAnd(): RunQueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const next = this.peek();
      if (this.isKeyword(next, "and")) {
        this.pos++;
        children.push(this.parseUnary());
      } else if (this.startsTerm(next)) {
        children.push(this.parseUnary());
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { kind: "and", children };
  }

  private parseUnary(): RunQueryNode {
    const token = this.peek();
    if (this.isKeyword(token, "not") || (token.kind === "word" && token.text.startsWith("-"))) {
      this.enter(token);
      this.consumeNegation(token);
      const child = this.parseUnary();
      this.depth--;
      return { kind: "not", child };
    }
    if (token.kind === "lparen") {
      this.enter(token);
      this.pos++;
      const inner = this.parseOr();
      const close = this.peek();
      if (close.kind !== "rparen") throw new RunQueryError('Unclosed "("', token.start);
      this.pos++;
      this.depth--;
      return inner;
    }
    // A bare AND/OR cannot be text: "a OR OR b" is a typo, and "or" searched for must be quoted.
    if (token.kind === "string" || (token.kind === "word" && this.startsTerm(token))) return this.parseTerm();
    const previous = this.tokens[this.pos - 1];
    if (token.kind === "eof") throw new RunQueryError(previous ? `Expected a term after ${describe(previous)}` : "Expected a term", token.start);
    throw new RunQueryError(`Unexpected ${describe(token)}`, token.start);
  }

  /** `-x` arrives as one word: take the dash and leave the rest of the word as the next token. */
  private consumeNegation(token: RunQueryToken): void {
    if (token.kind === "word" && token.text.startsWith("-") && token.text.length > 1) {
      this.tokens[this.pos] = { ...token, text: token.text.slice(1), start: token.start + 1 };
    } else {
      this.pos++;
    }
  }

  private enter(token: RunQueryToken): void {
    if (++this.depth > RUN_QUERY_LIMITS.maxDepth) throw new RunQueryError(`Query nests deeper than ${RUN_QUERY_LIMITS.maxDepth} levels`, token.start);
  }

  private countTerm(offset: number): void {
    if (++this.terms > RUN_QUERY_LIMITS.maxTerms) throw new RunQueryError(`Query has more than ${RUN_QUERY_LIMITS.maxTerms} terms`, offset);
  }

  private parseTerm(): RunQueryNode {
    const first = this.peek();
    const pieces = this.readAdjacent();
    const next = this.peek();
    this.countTerm(first.start);
    if (pieces.length === 1 && first.kind === "word" && first.text.toLowerCase() === "has" && next.kind === "op" && next.op === ":") {
      this.pos++;
      const target = this.peek();
      if (target.kind !== "word" && target.kind !== "string") throw new RunQueryError('Expected a field after "has:"', target.start);
      return { kind: "has", field: resolveRunQueryField(toSegments(this.readAdjacent()), false), offset: first.start };
    }
    if (next.kind === "op") return this.parseComparison(pieces, next);
    if (this.isInList()) return this.parseIn(pieces);
    const text = pieces.map((p) => p.text).join("");
    return { kind: "text", text, offset: first.start };
  }

  private parseComparison(pieces: WordOrString[], opToken: Extract<RunQueryToken, { kind: "op" }>): RunQueryNode {
    const field = resolveRunQueryField(toSegments(pieces), true);
    this.pos++;
    const op: CompareOp = opToken.op === ":" ? "=" : opToken.op;
    const valueToken = this.peek();
    const value = this.parseValue(`"${opToken.op}"`);
    checkRunQueryComparison(field, op, value, { op: opToken.start, value: valueToken.start });
    return { kind: "compare", field, op, value, offset: pieces[0]!.start };
  }

  private isInList(): boolean {
    const [a, b, c] = [this.peek(), this.peek(1), this.peek(2)];
    if (this.isKeyword(a, "in") && b.kind === "lparen") return true;
    return this.isKeyword(a, "not") && this.isKeyword(b, "in") && c.kind === "lparen";
  }

  private parseIn(pieces: WordOrString[]): RunQueryNode {
    const field = resolveRunQueryField(toSegments(pieces), true);
    const negated = this.isKeyword(this.peek(), "not");
    if (negated) this.pos++;
    const inToken = this.tokens[this.pos]!;
    this.pos += 2; // IN and "("
    const values: RunQueryValue[] = [];
    for (;;) {
      const valueToken = this.peek();
      const value = this.parseValue(values.length === 0 ? '"("' : '","');
      checkRunQueryComparison(field, "=", value, { op: inToken.start, value: valueToken.start });
      if (values.length > 0) this.countTerm(valueToken.start);
      values.push(value);
      const sep = this.peek();
      if (sep.kind === "comma") this.pos++;
      else if (sep.kind === "rparen") break;
      else throw new RunQueryError(`Expected "," or ")" in the IN list, got ${describe(sep)}`, sep.start);
    }
    this.pos++;
    const node: RunQueryNode = { kind: "in", field, values, offset: pieces[0]!.start };
    return negated ? { kind: "not", child: node } : node;
  }

  private parseValue(after: string): RunQueryValue {
    const token = this.peek();
    if (token.kind === "string") {
      this.pos++;
      return { type: "string", text: token.text, quoted: true };
    }
    if (token.kind !== "word" || ["and", "or", "not"].includes(token.text.toLowerCase())) {
      throw new RunQueryError(`Expected a value after ${after}`, token.start);
    }
    this.pos++;
    return wordValue(token.text);
  }

  /** Tokens that touch (no space between) form one path or text: metric.`eval.acc`.last. */
  private readAdjacent(): WordOrString[] {
    const pieces: WordOrString[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind !== "word" && token.kind !== "string") break;
      if (pieces.length > 0 && pieces.at(-1)!.end !== token.start) break;
      pieces.push(token);
      this.pos++;
    }
    return pieces;
  }

  private startsTerm(token: RunQueryToken): boolean {
    if (token.kind === "lparen" || token.kind === "string") return true;
    return token.kind === "word" && !this.isKeyword(token, "and") && !this.isKeyword(token, "or");
  }

  private isKeyword(token: RunQueryToken, word: string): boolean {
    return token.kind === "word" && token.text.toLowerCase() === word;
  }

  private peek(ahead = 0): RunQueryToken {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }
}

type WordOrString = Extract<RunQueryToken, { kind: "word" | "string" }>;

function wordValue(text: string): RunQueryValue {
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "false") return { type: "boolean", value: lower === "true", text };
  if (lower === "null") return { type: "null", text };
  if (NUMBER.test(text)) return { type: "number", value: Number(text), text };
  const special = SPECIAL_NUMBERS[lower];
  if (special !== undefined) return { type: "number", value: special, text };
  return { type: "string", text, quoted: false };
}

/** Splits touching words and quoted strings into path segments; a quoted string is one segment, dots and all. */
function toSegments(pieces: readonly WordOrString[]): PathSegment[] {
  const segments: PathSegment[] = [];
  let needDot = false;
  for (const piece of pieces) {
    if (piece.kind === "string") {
      if (needDot) throw new RunQueryError('Expected "." before the quoted name', piece.start);
      segments.push({ text: piece.text, quoted: true, offset: piece.start });
      needDot = true;
      continue;
    }
    let text = piece.text;
    let offset = piece.start;
    if (needDot) {
      if (!text.startsWith(".")) throw new RunQueryError('Expected "." after the quoted name', offset);
      text = text.slice(1);
      offset++;
    }
    const parts = text.split(".");
    needDot = parts.at(-1) !== "";
    if (!needDot) parts.pop();
    for (const part of parts) {
      if (part === "") throw new RunQueryError("Empty name in the field path", offset);
      segments.push({ text: part, quoted: false, offset });
      offset += part.length + 1;
    }
  }
  if (!needDot) throw new RunQueryError("The field path ends with a dot", pieces.at(-1)!.end);
  return segments;
}

function describe(token: RunQueryToken): string {
  switch (token.kind) {
    case "word":
      return ["and", "or", "not", "in"].includes(token.text.toLowerCase()) ? token.text.toUpperCase() : `"${token.text}"`;
    case "string":
      return `${token.quote}${token.text}${token.quote}`;
    case "op":
      return `"${token.op}"`;
    case "lparen":
      return '"("';
    case "rparen":
      return '")"';
    case "comma":
      return '","';
    case "eof":
      return "the end of the query";
  }
}
