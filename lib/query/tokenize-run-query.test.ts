import { describe, expect, it } from "vitest";
import { tokenizeRunQuery } from "./tokenize-run-query";

const kinds = (query: string) => tokenizeRunQuery(query).map((t) => (t.kind === "word" || t.kind === "string" ? `${t.kind}:${t.text}` : t.kind === "op" ? t.op : t.kind));

describe("tokenizeRunQuery", () => {
  it("splits operators from words without needing spaces", () => {
    expect(kinds("a<=1 b!=c d~e f!~g h>=2")).toEqual([
      "word:a",
      "<=",
      "word:1",
      "word:b",
      "!=",
      "word:c",
      "word:d",
      "~",
      "word:e",
      "word:f",
      "!~",
      "word:g",
      "word:h",
      ">=",
      "word:2",
      "eof",
    ]);
  });

  it("keeps dashes, slashes and dots inside words", () => {
    expect(kinds("dpo-beta metric.rewards/accuracies.last -x")).toEqual(["word:dpo-beta", "word:metric.rewards/accuracies.last", "word:-x", "eof"]);
  });

  it("opens a quoted segment after a dot, and keeps an apostrophe inside a word", () => {
    expect(kinds("metric.`eval.acc`.last don't")).toEqual(["word:metric.", "string:eval.acc", "word:.last", "word:don't", "eof"]);
  });

  it("lets only a value (after an operator) hold colons", () => {
    expect(kinds("created>2024-05-01T10:00 flag:x")).toEqual(["word:created", ">", "word:2024-05-01T10:00", "word:flag", ":", "word:x", "eof"]);
  });

  it("records spans", () => {
    expect(tokenizeRunQuery('  name = "a b"')).toEqual([
      { kind: "word", text: "name", start: 2, end: 6 },
      { kind: "op", op: "=", start: 7, end: 8 },
      { kind: "string", text: "a b", quote: '"', start: 9, end: 14 },
      { kind: "eof", start: 14, end: 14 },
    ]);
  });
});
