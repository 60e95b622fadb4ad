import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeChunks, collectRun } from "./collect-run";
import { parseTensorboard, TensorboardDecoder } from "./tensorboard-decoder";
import { chunksOf, eventFilePath, eventRecord, frame, join, readFixture, rowsFromWalk, walkEventFile } from "./test-support";
import type { ImportedRun } from "./types";

const bytes = readFixture(eventFilePath("tensorboard"));
const walked = walkEventFile(bytes);
const clean = parseTensorboard(bytes);

function streamInChunks(input: Uint8Array, size: number): Promise<ImportedRun> {
  return collectRun("tensorboard", "tensorboard", decodeChunks(new TensorboardDecoder(), chunksOf(input, size)));
}

type Mutation = { kind: "set" | "cut" | "insert"; at: number; byte: number };

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = input.slice();
  for (const { kind, at: wanted, byte } of mutations) {
    const at = Math.min(wanted, out.length - 1);
    if (kind === "set") out[at] = byte;
    else if (kind === "cut") out = out.slice(0, Math.max(at, 1));
    else {
      const grown = new Uint8Array(out.length + 1);
      grown.set(out.subarray(0, at));
      grown[at] = byte;
      grown.set(out.subarray(at), at + 1);
      out = grown;
    }
  }
  return out;
}

function valuesAt(run: ImportedRun, step: number): Record<string, number> | undefined {
  return run.rows.find((r) => r.step === step)?.values;
}

/** Every imported value must be the one the clean file holds: corruption may lose values, never alter them. */
function expectSubsetOfClean(run: ImportedRun): void {
  const byStep = new Map(clean.rows.map((r) => [r.step, r.values]));
  for (const row of run.rows) {
    const want = byStep.get(row.step);
    expect(want).toBeDefined();
    for (const [tag, value] of Object.entries(row.values)) expect(value).toBe(want?.[tag]);
  }
}

describe("TensorBoard event file (torch SummaryWriter fixture)", () => {
  it("imports 400 train steps plus the step-0 evaluation, with eval every 20 and scores every 100", () => {
    expect(clean.problems).toEqual([]);
    expect(clean.source).toBe("tensorboard");
    const steps = clean.rows.map((r) => r.step);
    expect(steps).toEqual(Array.from({ length: 401 }, (_, i) => i));
    const stepsWith = (tag: string) => clean.rows.filter((r) => tag in r.values).map((r) => r.step);
    expect(stepsWith("loss")).toEqual(steps.slice(1));
    expect(stepsWith("eval/pref_accuracy")).toEqual(steps.filter((s) => s % 20 === 0));
    expect(stepsWith("eval/score5")).toEqual([0, 100, 200, 300, 400]);
    expect(stepsWith("eval/score45")).toEqual([0, 100, 200, 300, 400]);
  });

  it("keeps a logged 0.0, which proto3 presence rules could silently drop", () => {
    expect(valuesAt(clean, 0)?.["eval/pref_accuracy"]).toBe(0);
  });

  it("matches every scalar read independently from the bytes, exactly as float32, with the latest wall time", () => {
    const want = rowsFromWalk(walked);
    expect(clean.rows.length).toBe(want.size);
    for (const row of clean.rows) {
      expect(row.values).toEqual(want.get(row.step)?.values);
      expect(row.time).toBe(want.get(row.step)?.time);
    }
    // A value that float32 cannot hold as its decimal: it must come back as the float32, not rounded.
    const lr = valuesAt(clean, 1)?.learning_rate;
    expect(lr).toBe(Math.fround(1e-4));
    expect(lr).not.toBe(1e-4);
  });

  it("gives every row a plausible wall time", () => {
    for (const row of clean.rows) expect(row.time).toBeGreaterThan(1.7e9);
    const times = clean.rows.map((r) => r.time ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("gives the same run fed 7 bytes at a time as in one buffer", async () => {
    const streamed = await streamInChunks(bytes, 7);
    expect(streamed).toEqual(clean);
  });

  it("yields rows in batches while streaming, not all at the end", async () => {
    const batches = [];
    for await (const batch of decodeChunks(new TensorboardDecoder(), chunksOf(bytes, 4096))) {
      batches.push(batch.rows.length);
    }
    expect(batches.filter((n) => n > 0).length).toBeGreaterThan(10);
  });
});

describe("damaged event files", () => {
  const middle = walked[Math.floor(walked.length / 2)]!;
  const middleIndex = walked.indexOf(middle);
  const withoutMiddle = rowsFromWalk(walked.filter((r) => r !== middle));

  function expectOnlyMiddleLost(run: ImportedRun): void {
    expect(run.rows.length).toBe(withoutMiddle.size);
    for (const row of run.rows) expect(row.values).toEqual(withoutMiddle.get(row.step)?.values);
  }

  it("reports a record whose data was changed and imports all the others", () => {
    const damaged = bytes.slice();
    damaged[middle.offset + 20]! ^= 0xff;
    const run = parseTensorboard(damaged);
    expect(run.problems).toEqual([{ offset: middle.offset, record: middleIndex, message: expect.stringMatching(/data CRC/) }]);
    expectOnlyMiddleLost(run);
  });

  it("resynchronises after a record whose length was changed", () => {
    const damaged = bytes.slice();
    damaged[middle.offset + 1]! ^= 0x10;
    const run = parseTensorboard(damaged);
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatchObject({ offset: middle.offset, message: expect.stringMatching(/header CRC/) });
    expect(run.problems[0]?.message).toContain(`${middle.size} bytes`);
    expectOnlyMiddleLost(run);
  });

  it("imports the records before a mid-record truncation and reports where it happened", async () => {
    const cut = bytes.subarray(0, middle.offset + 9);
    const run = parseTensorboard(cut);
    expect(run.problems).toEqual([{ offset: middle.offset, record: middleIndex, message: expect.stringMatching(/truncated/) }]);
    const before = rowsFromWalk(walked.slice(0, middleIndex));
    expect(new Map(run.rows.map((r) => [r.step, r.values]))).toEqual(new Map([...before].map(([step, row]) => [step, row.values])));
    const streamed = await streamInChunks(cut, 7);
    expect(streamed).toEqual(run);
  });

  // 60 property runs over a 90 KB file: seconds on a loaded machine, past vitest's 5 s default.
  it("never throws on random byte mutations, and never imports an altered value", { timeout: 60_000 }, () => {
    const at = fc.nat(bytes.length - 1);
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), at, byte: fc.nat(255) }),
      fc.record({ kind: fc.constant("cut" as const), at, byte: fc.constant(0) }),
      fc.record({ kind: fc.constant("insert" as const), at, byte: fc.nat(255) }),
    );
    const mutations = fc.array(mutation, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(mutations, fc.integer({ min: 1, max: 70_000 }), (changes, size) => {
        const decoder = new TensorboardDecoder();
        const rows = chunksOf(mutate(bytes, changes), size).flatMap((c) => decoder.push(c).rows);
        rows.push(...decoder.end().rows);
        expectSubsetOfClean({ ...clean, rows });
      }),
      { numRuns: 60 },
    );
  });
});

describe("generated event files", () => {
  it("reads TF2 tensor scalars, zero steps and text summaries as config", () => {
    const run = parseTensorboard(
      join(
        eventRecord(0, 5, [
          { tag: "args/text_summary", text: '{"learning_rate": 1e-4, "beta": NaN}' },
          { tag: "notes/text_summary", text: "*plain* text" },
        ]),
        eventRecord(0, 6, [
          { tag: "loss", tensorFloat: 0.25 },
          { tag: "zero", simple: 0 },
        ]),
        eventRecord(7, 7, [{ tag: "loss", tensorFloat: 1 / 3 }]),
      ),
    );
    expect(run.problems).toEqual([]);
    expect(run.config).toEqual({ args: { learning_rate: 1e-4, beta: NaN }, notes: "*plain* text" });
    expect(run.rows).toEqual([
      { step: 0, values: { loss: 0.25, zero: 0 }, time: 6 },
      { step: 7, values: { loss: Math.fround(1 / 3) }, time: 7 },
    ]);
  });

  it("reports a record whose CRCs hold but whose bytes are not an Event", () => {
    const notAnEvent = frame(new Uint8Array([0x0a, 0x05, 0x01]));
    const run = parseTensorboard(join(eventRecord(1, 1, [{ tag: "a", simple: 1 }]), notAnEvent));
    expect(run.rows).toEqual([{ step: 1, values: { a: 1 }, time: 1 }]);
    expect(run.problems).toEqual([{ offset: expect.any(Number), record: 1, message: expect.stringMatching(/not a valid Event protobuf/) }]);
  });
});
