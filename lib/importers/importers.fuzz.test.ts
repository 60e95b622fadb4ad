// Property-based fuzzing of every importer as a pure function: plausible files in each format, built from hostile
// names and values and damaged at the byte level. Whatever comes in, an importer never throws, reads the same
// however the bytes are chunked, and yields only what the ingest path can store (what the API would accept).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { damage, eventFileBytes, importFileBytes } from "../../tests/support/fuzz-files";
import { metricNameSchema } from "../metrics/contract";
import { jsonObject } from "../core/validation/text";
import { importFile, openImports } from "./import-file";
import { importCsv, parseCsv } from "./csv-decoder";
import { importJsonl, parseJsonl } from "./jsonl-decoder";
import { importTensorboard, parseTensorboard } from "./tensorboard-decoder";
import { importTensorboardDirectory, parseTensorboardFiles } from "./tensorboard-directory";
import { importTrainerState, parseTrainerState } from "./trainer-state-decoder";
import type { ImportedRun } from "./types";

const RUNS = Number(process.env.PREFSCOPE_FUZZ_IMPORTER_RUNS) || 5000;
const TIMEOUT = 30_000 + RUNS * 20;
// A failure prints its seed and path: PREFSCOPE_FUZZ_SEED=<seed> PREFSCOPE_FUZZ_PATH=<path> replays it.
const replay = process.env.PREFSCOPE_FUZZ_SEED ? { seed: Number(process.env.PREFSCOPE_FUZZ_SEED), path: process.env.PREFSCOPE_FUZZ_PATH } : {};
const params = { numRuns: RUNS, endOnFailure: true, ...replay };

/** Splits bytes at the given fractions: chunk boundaries may fall anywhere (inside a record, a UTF-8 sequence). */
const chunkCuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    out.push(bytes.subarray(from, cut));
    from = cut;
  }
  return out;
}

const objectSchema = jsonObject();

/** Problems in a fixed order: a config entry refused while streaming is reported with the batch it arrived in. */
const normalised = (run: ImportedRun) => ({ ...run, problems: run.problems.map((p) => JSON.stringify(p)).sort() });

/** What the ingest path can store: steps it accepts, names the API would take, numbers, config jsonb can hold. */
function expectStorable(run: ImportedRun): void {
  let previous = -1;
  for (const row of run.rows) {
    if (!(Number.isSafeInteger(row.step) && row.step > previous)) expect.fail(`step ${row.step} after ${previous}`);
    previous = row.step;
    if (row.time !== undefined && !Number.isFinite(row.time)) expect.fail(`time ${row.time} at step ${row.step}`);
    for (const [name, value] of Object.entries(row.values)) {
      if (!metricNameSchema.safeParse(name).success) expect.fail(`metric name not storable: ${JSON.stringify(name.slice(0, 300))}`);
      expect(typeof value).toBe("number");
    }
  }
  for (const patch of [run.config, run.summary]) {
    const checked = objectSchema.safeParse(patch);
    if (!checked.success) expect.fail(`config or summary not storable at ${JSON.stringify(checked.error.issues[0]?.path)}`);
  }
  for (const problem of run.problems) expect(typeof problem.message).toBe("string");
}

const IMPORTERS = [
  { format: "jsonl", parse: parseJsonl, stream: importJsonl, fileName: "run.jsonl" },
  { format: "csv", parse: parseCsv, stream: importCsv, fileName: "run.csv" },
  { format: "trainer_state", parse: parseTrainerState, stream: importTrainerState, fileName: "out/trainer_state.json" },
  { format: "tensorboard", parse: parseTensorboard, stream: importTensorboard, fileName: "logs/events.out.tfevents.1.host" },
] as const;

describe.each(IMPORTERS)("the $format importer, fuzzed", ({ format, parse, stream, fileName }) => {
  it("never throws, yields storable rows, and reads the same however the bytes are chunked", { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(importFileBytes(format), chunkCuts, async (bytes, cuts) => {
        const whole = parse(bytes);
        expectStorable(whole);
        expect(normalised(await stream(chunked(bytes, cuts)))).toEqual(normalised(whole));
        expect(normalised(await importFile(fileName, chunked(bytes, cuts)))).toEqual({ ...normalised(whole), name: expect.any(String) as string });
      }),
      params,
    );
  });

  it("survives arbitrary bytes under its file name", { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        expectStorable(parse(bytes));
        expectStorable(await importFile(fileName, [bytes]));
      }),
      params,
    );
  });
});

describe("a TensorBoard log directory, fuzzed", () => {
  it("reads several damaged event files as one storable run, the same streamed or in memory", { timeout: TIMEOUT }, async () => {
    const files = fc.array(fc.tuple(fc.nat(5), eventFileBytes, damage), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(files, async (list) => {
        const named = list.map(([n, bytes, hurt], i) => ({ name: `logs/events.out.tfevents.${1700000000 + n}.host.${i}`, bytes: hurt(bytes) }));
        const whole = parseTensorboardFiles("logs", named);
        expectStorable(whole);
        expect(
          normalised(
            await importTensorboardDirectory(
              "logs",
              named.map((f) => ({ name: f.name, chunks: [f.bytes] })),
            ),
          ),
        ).toEqual(normalised(whole));
      }),
      { ...params, numRuns: Math.ceil(RUNS / 5) },
    );
  });
});

describe("format detection, fuzzed", () => {
  it("picks a format or refuses, for any name and first bytes", { timeout: TIMEOUT }, async () => {
    const names = fc.oneof(fc.string(), fc.constantFrom("a.jsonl", "a.csv", "trainer_state.json", "events.out.tfevents.1", "a.json", "a.txt", "", "/", ".csv", "runs.csv"));
    // Bytes after a runs table's header as well: its rows are read whole when the file is opened.
    const runsTable = fc.string({ maxLength: 64 }).map((text) => new TextEncoder().encode(`,summary,config,name\n${text}`));
    await fc.assert(
      fc.asyncProperty(names, fc.oneof(fc.uint8Array({ maxLength: 64 }), runsTable), async (name, bytes) => {
        try {
          for (const opened of await openImports(name, [bytes])) {
            expect(["jsonl", "csv", "trainer_state", "tensorboard", "wandb_runs"]).toContain(opened.source);
            for await (const batch of opened.batches) expect(Array.isArray(batch.rows)).toBe(true);
          }
        } catch (error) {
          expect((error as Error).name).toBe("UnsupportedFormatError");
        }
      }),
      params,
    );
  });
});

describe("inputs the fuzzers found that the ingest path could not store", () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it("skips trainer_state steps outside 0…2^53 - 1 and config entries holding a NUL", () => {
    const run = parseTrainerState(utf8('{"bad\\u0000": 1, "ok": 2, "log_history": [{"step": 18446744073709551616, "loss": 1}, {"step": -1, "loss": 2}, {"step": 3, "loss": 3}]}'));
    expect(run.rows).toEqual([{ step: 3, values: { loss: 3 } }]);
    expect(run.config).toEqual({ ok: 2 });
    expect(run.problems).toHaveLength(3);
  });

  it("skips metric names the API refuses: empty, over 256 characters, NUL, unpaired surrogates", () => {
    const run = parseCsv(utf8(`step,,${"a".repeat(257)},x\u0000,loss\n1,1,2,3,4\n`));
    expect(run.rows).toEqual([{ step: 1, values: { loss: 4 } }]);
    expect(run.problems).toHaveLength(3);
    // UTF-8 cannot carry an unpaired surrogate; a JSON escape can.
    expect(parseJsonl(utf8('{"step": 1, "a\\u0000": 1, "b\\udc00": 1, "ok": 2}')).rows).toEqual([{ step: 1, values: { ok: 2 } }]);
  });
});
