import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvDecoder, parseCsv } from "./csv-decoder";
import { chunksOf, utf8 } from "./test-support";

const csv = (...lines: string[]) => utf8(lines.join("\r\n") + "\r\n");

describe("CSV importer", () => {
  it("reads a W&B history export: _step, _runtime kept as a value, _timestamp as the time, empty cells skipped", () => {
    const run = parseCsv(csv("_step,_runtime,_timestamp,train/loss,eval/loss", "0,1.5,1700000000.25,0.69,", "1,2.5,1700000001.25,0.68,0.7", "2,3.5,1700000002.25,,"));
    expect(run.problems).toEqual([]);
    expect(run.rows).toEqual([
      { step: 0, values: { _runtime: 1.5, "train/loss": 0.69 }, time: 1700000000.25 },
      { step: 1, values: { _runtime: 2.5, "train/loss": 0.68, "eval/loss": 0.7 }, time: 1700000001.25 },
      { step: 2, values: { _runtime: 3.5 }, time: 1700000002.25 },
    ]);
  });

  it("follows RFC 4180 quoting: commas, quotes and line breaks inside quoted fields", () => {
    const run = parseCsv(csv('step,"loss, total","say ""hi""",note', '1,0.5,2,"two', 'lines, and ""quotes"""', "2,0.25,3,plain"));
    expect(run.rows).toEqual([
      { step: 1, values: { "loss, total": 0.5, 'say "hi"': 2 } },
      { step: 2, values: { "loss, total": 0.25, 'say "hi"': 3 } },
    ]);
    // The note column is text: reported once, at the line its first record starts on.
    const note = /^"note" holds "two\\r\\nlines, and \\"quotes\\"", not a number/;
    expect(run.problems).toEqual([{ line: 2, message: expect.stringMatching(note) }]);
  });

  it("reads non-finite spellings and rejects what Number() would wrongly accept", () => {
    const run = parseCsv(csv("step,a,b,c,d,e", "1,NaN,inf,-Infinity,0x10,1e-3"));
    expect(run.rows[0]?.values).toEqual({ a: NaN, b: Infinity, c: -Infinity, e: 0.001 });
    expect(run.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^"d" holds "0x10"/)]);
  });

  it("reports ragged rows and bad steps by line, and imports the rest", () => {
    const run = parseCsv(csv("step,loss", "1,0.5", "2,0.4,extra", ",0.3", "x,0.2", "3,0.1"));
    expect(run.rows.map((r) => r.step)).toEqual([1, 3]);
    expect(run.problems.map((p) => [p.line, p.message])).toEqual([
      [3, "3 fields where the header has 2; row skipped"],
      [4, 'step "" is not a non-negative integer; row skipped'],
      [5, 'step "x" is not a non-negative integer; row skipped'],
    ]);
  });

  it("says so when there is no step column", () => {
    const run = parseCsv(csv("epoch,loss", "1,0.5"));
    expect(run.rows).toEqual([]);
    expect(run.problems).toEqual([{ line: 1, message: "header has no step/_step/global_step/current_steps column; nothing imported" }]);
  });

  it("finds W&B's capitalised Step column and skips blank lines", () => {
    const run = parseCsv(utf8("Step,loss\n\n1,0.5\n\n2,0.4"));
    expect(run.rows.map((r) => r.step)).toEqual([1, 2]);
    expect(run.problems).toEqual([]);
  });

  it("reports a quoted field left open at the end", () => {
    const run = parseCsv(utf8('step,loss\n1,0.5\n2,"0.4'));
    expect(run.rows.map((r) => r.step)).toEqual([1]);
    expect(run.problems).toEqual([{ line: 3, message: "quoted field never closes; record dropped" }]);
  });

  it("parses the same whatever the chunking", () => {
    const bytes = csv('step,"a ""b""",ü', '1,1,"2"', '2,"3",4', '3,"x,\r\ny",5');
    const whole = parseCsv(bytes);
    expect(whole.rows).toHaveLength(3);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), (size) => {
        const decoder = new CsvDecoder();
        const batches = [...chunksOf(bytes, size).map((c) => decoder.push(c)), decoder.end()];
        expect(batches.flatMap((b) => b.rows)).toEqual(whole.rows);
        expect(batches.flatMap((b) => b.problems)).toEqual(whole.problems);
      }),
    );
  });
});
