import type { ImportProblem } from "./types";

export interface JsonMemberHandlers {
  /** A top-level member's key and its value's raw text. */
  member(key: string, text: string, offset: number): void;
  /** One element's raw text of a streamed top-level array. */
  item(key: string, text: string, offset: number, index: number): void;
  problem(problem: ImportProblem): void;
}

type State = "start" | "key" | "colon" | "value" | "afterMember" | "item" | "afterItem" | "done" | "failed";

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t";
}

/**
 * Splits a JSON object arriving in pieces into its top-level members without holding the whole text: each
 * member's value text (or, for the arrays named in `streamed`, each element's text) is handed over as soon as
 * it is complete and then dropped. It only finds boundaries; callers parse the pieces, so Python's bare NaN
 * tokens pass through untouched. Offsets are in characters. After a structural error it reports once and stops.
 */
export class JsonMemberScanner {
  private buf = "";
  /** Absolute offset of buf[0]; `pos`, `valueStart` and `scanAt` are absolute too. */
  private base = 0;
  private pos = 0;
  private state: State = "start";
  private key = "";
  private itemIndex = 0;
  private valueStart = -1;
  private scanAt = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(
    private readonly streamed: ReadonlySet<string>,
    private readonly handlers: JsonMemberHandlers,
  ) {}

  push(text: string): void {
    const keep = this.valueStart >= 0 ? this.valueStart : this.pos;
    this.buf = this.buf.slice(keep - this.base) + text;
    this.base = keep;
    this.run();
  }

  end(): void {
    if (this.state === "done" || this.state === "failed") return;
    const inItems = this.state === "item" || this.state === "afterItem";
    const where = inItems ? `inside "${this.key}" item ${this.itemIndex}` : "before the object closes";
    this.handlers.problem({ offset: this.base + this.buf.length, message: `input ends ${where} (truncated?)` });
    this.state = "failed";
  }

  private at(i: number): string | undefined {
    return this.buf[i - this.base];
  }

  private fail(message: string): void {
    this.handlers.problem({ offset: this.pos, message });
    this.state = "failed";
  }

  private run(): void {
    const end = this.base + this.buf.length;
    while (this.pos < end || this.valueStart >= 0) {
      if (this.state === "done" || this.state === "failed") return;
      if (this.valueStart >= 0) {
        if (!this.scanValue(end)) return;
        continue;
      }
      const c = this.at(this.pos);
      if (isSpace(c)) {
        this.pos++;
        continue;
      }
      switch (this.state) {
        case "start":
          if (c !== "{") return this.fail("expected a JSON object");
          this.state = "key";
          this.pos++;
          break;
        case "key":
          if (c === "}") {
            this.state = "done";
            this.pos++;
          } else if (c === '"') {
            if (!this.readKey(end)) return;
          } else return this.fail("expected a member name");
          break;
        case "colon":
          if (c !== ":") return this.fail("expected ':'");
          this.state = "value";
          this.pos++;
          break;
        case "value":
          if (c === "[" && this.streamed.has(this.key)) {
            this.state = "item";
            this.itemIndex = 0;
            this.pos++;
          } else this.startValue();
          break;
        case "item":
          if (c === "]") {
            this.state = "afterMember";
            this.pos++;
          } else this.startValue();
          break;
        case "afterMember":
        case "afterItem": {
          const inItems = this.state === "afterItem";
          if (c === ",") this.state = inItems ? "item" : "key";
          else if (c === (inItems ? "]" : "}")) this.state = inItems ? "afterMember" : "done";
          else return this.fail(`expected ',' or '${inItems ? "]" : "}"}'`);
          this.pos++;
          break;
        }
      }
    }
  }

  private readKey(end: number): boolean {
    let i = this.pos + 1;
    while (i < end) {
      const c = this.at(i);
      if (c === "\\") i += 2;
      else if (c === '"') break;
      else i++;
    }
    if (i >= end) return false;
    const raw = this.buf.slice(this.pos - this.base, i + 1 - this.base);
    try {
      this.key = JSON.parse(raw) as string;
    } catch {
      this.fail("malformed member name");
      return false;
    }
    this.pos = i + 1;
    this.state = "colon";
    return true;
  }

  private startValue(): void {
    this.valueStart = this.pos;
    this.scanAt = this.pos;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }

  /** Advances the value scan; true once the value is complete and handed over. Resumable across pushes. */
  private scanValue(end: number): boolean {
    let i = this.scanAt;
    let stop = -1;
    for (; i < end; i++) {
      const c = this.at(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.depth === 0) stop = i + 1;
        }
      } else if (c === '"') this.inString = true;
      else if (c === "{" || c === "[") this.depth++;
      else if (c === "}" || c === "]") {
        // At depth 0 the bracket closes the container around a bare number or literal: the value ends before it.
        stop = this.depth === 0 ? i : this.depth === 1 ? i + 1 : -1;
        this.depth = Math.max(0, this.depth - 1);
      } else if (this.depth === 0 && (c === "," || isSpace(c))) stop = i;
      if (stop >= 0) break;
    }
    this.scanAt = i;
    if (stop < 0) return false;
    const start = this.valueStart;
    const text = this.buf.slice(start - this.base, stop - this.base);
    this.valueStart = -1;
    this.pos = stop;
    if (this.state === "item") {
      this.handlers.item(this.key, text, start, this.itemIndex++);
      this.state = "afterItem";
    } else {
      this.handlers.member(this.key, text, start);
      this.state = "afterMember";
    }
    return true;
  }
}
