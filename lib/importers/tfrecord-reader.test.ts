import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startsWithTfRecord, TfRecordReader } from "./tfrecord-reader";
import { chunksOf, frame, join, utf8 } from "./test-support";
import type { ImportProblem } from "./types";

function read(chunks: Uint8Array[]) {
  const records: { text: string; offset: number; index: number }[] = [];
  const problems: ImportProblem[] = [];
  const reader = new TfRecordReader({
    record: (data, offset, index) => records.push({ text: new TextDecoder().decode(data), offset, index }),
    problem: (p) => problems.push(p),
  });
  for (const c of chunks) reader.push(c);
  reader.end();
  return { records, problems };
}

const a = frame(utf8("alpha"));
const b = frame(utf8(""));
const c = frame(utf8("gamma".repeat(50)));
const file = join(a, b, c);

describe("TfRecordReader", () => {
  it("reads records, the empty one included, with their offsets and indices", () => {
    expect(read([file])).toEqual({
      records: [
        { text: "alpha", offset: 0, index: 0 },
        { text: "", offset: a.length, index: 1 },
        { text: "gamma".repeat(50), offset: a.length + b.length, index: 2 },
      ],
      problems: [],
    });
  });

  it("reads the same whatever the chunking", () => {
    const whole = read([file]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: file.length }), (size) => {
        expect(read(chunksOf(file, size))).toEqual(whole);
      }),
    );
  });

  it("copies what it keeps, so a caller may reuse its chunk buffer (as Node Buffers' slice() would not)", () => {
    const records: string[] = [];
    const reader = new TfRecordReader({ record: (d) => records.push(new TextDecoder().decode(d)), problem: () => {} });
    const reused = Buffer.alloc(7);
    for (let at = 0; at < file.length; at += 7) {
      const n = Buffer.from(file.subarray(at, at + 7)).copy(reused);
      reader.push(reused.subarray(0, n));
      reused.fill(0xee);
    }
    reader.end();
    expect(records).toEqual(["alpha", "", "gamma".repeat(50)]);
  });

  it("skips garbage before the first record and says how much", () => {
    const { records, problems } = read([join(utf8("not a record"), file)]);
    expect(records.map((r) => r.text)).toEqual(["alpha", "", "gamma".repeat(50)]);
    expect(problems).toEqual([{ offset: 0, message: expect.stringContaining("skipped 12 bytes") }]);
  });

  it("reports input with no valid record at all once", () => {
    const { records, problems } = read(chunksOf(utf8("x".repeat(100)), 9));
    expect(records).toEqual([]);
    expect(problems).toEqual([{ offset: 0, message: expect.stringContaining("no valid record follows (100 bytes skipped)") }]);
  });

  it("reports a cut inside a header and inside data", () => {
    expect(read([file.subarray(0, a.length + 5)]).problems).toEqual([{ offset: a.length, record: 1, message: "truncated record: input ends after 5 bytes of a 12-byte header" }]);
    const cut = a.length + b.length + 40;
    expect(read([file.subarray(0, cut)]).problems).toEqual([
      {
        offset: a.length + b.length,
        record: 2,
        message: `truncated record: input ends after 40 bytes of ${c.length} bytes`,
      },
    ]);
  });

  it("has nothing to say about empty input", () => {
    expect(read([])).toEqual({ records: [], problems: [] });
  });

  it("sniffs a TFRecord header", () => {
    expect(startsWithTfRecord(file)).toBe(true);
    expect(startsWithTfRecord(utf8('{"step": 1, "loss": 0.5}'))).toBe(false);
    expect(startsWithTfRecord(file.subarray(0, 11))).toBe(false);
  });
});
