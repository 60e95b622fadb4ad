import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonMemberScanner } from "./json-members";
import type { ImportProblem } from "./types";

function scan(pieces: string[], streamed = "items") {
  const entries: [string, unknown][] = [];
  const items: unknown[] = [];
  const problems: ImportProblem[] = [];
  const scanner = new JsonMemberScanner(new Set([streamed]), {
    member: (key, text) => entries.push([key, JSON.parse(text)]),
    item: (_key, text) => items.push(JSON.parse(text)),
    problem: (p) => problems.push(p),
  });
  for (const piece of pieces) scanner.push(piece);
  scanner.end();
  return { members: Object.fromEntries(entries), items, problems };
}

function split(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe("JsonMemberScanner", () => {
  it("hands over every member and every streamed item, whatever the values, layout and chunking", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue()),
        fc.constantFrom(undefined, 0, 2, "\t"),
        fc.integer({ min: 1, max: 50 }),
        (others, items, indent, size) => {
          const doc = JSON.parse(JSON.stringify({ ...others, items })) as Record<string, unknown>;
          const result = scan(split(JSON.stringify(doc, null, indent), size));
          const { items: wantItems, ...wantMembers } = doc;
          expect(result.problems).toEqual([]);
          expect(result.items).toEqual(wantItems);
          expect(result.members).toEqual(wantMembers);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("treats a streamed key whose value is not an array as an ordinary member", () => {
    expect(scan(['{"items": {"a": [1]}, "n": -1.5e3}'])).toEqual({
      members: { items: { a: [1] }, n: -1500 },
      items: [],
      problems: [],
    });
  });

  it("reports the first structural error once, with its offset, and stops", () => {
    expect(scan(['{"a": 1 "b": 2}']).problems).toEqual([{ offset: 8, message: "expected ',' or '}'" }]);
    expect(scan(['{"a": 1, 2: 3}']).problems).toEqual([{ offset: 9, message: "expected a member name" }]);
    expect(scan(['{"a": 1}', " trailing text is ignored"]).problems).toEqual([]);
  });

  it("reports input that ends early", () => {
    expect(scan(['{"a": 1, "items": [1, 2']).problems).toEqual([{ offset: 23, message: 'input ends inside "items" item 1 (truncated?)' }]);
    expect(scan(['{"a": {"b": ']).problems).toEqual([{ offset: 12, message: "input ends before the object closes (truncated?)" }]);
  });
});
