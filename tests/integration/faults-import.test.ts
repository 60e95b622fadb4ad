import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseTensorboard, parseTrainerState, type ImportedRow } from "@/lib/importers";
import { createProjectKey } from "../support/fault-checks";
import { baseUrl } from "./api-client";

// Fault: files cut short or damaged on disk (a trainer killed mid-write, a bad copy). The good records must be
// stored exactly, and the response must say what was skipped and where.
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const TB = new Uint8Array(readFileSync(path.join(FIXTURES, "tensorboard/events.out.tfevents.1795720549.vm.416.13")));
const STATE = readFileSync(path.join(FIXTURES, "transformers-trainer/trainer_state.json"), "utf8");

let project = "";
let key = "";
beforeAll(async () => {
  project = `faults-import-${randomUUID().slice(0, 8)}`;
  key = await createProjectKey(baseUrl(), project);
});

async function upload(name: string, bytes: Uint8Array | string) {
  const form = new FormData();
  form.set("project", project);
  form.append("file", new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]), name);
  const response = await fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { runs: { run: { id: string }; rows: number; problems: Record<string, unknown>[]; problem_count: number }[] }).runs[0]!;
}

/** The run holds exactly `expected`'s values: every series, every point, nothing else. */
async function expectStored(runId: string, expected: { rows: ImportedRow[] }) {
  const names = [...new Set(expected.rows.flatMap((r) => Object.keys(r.values)))].sort();
  const body = await (await fetch(`${baseUrl()}/api/v1/runs/${runId}/metrics?keys=${names.map(encodeURIComponent).join(",")}&max_points=100000`)).json();
  const stored = Object.fromEntries(body.series.map((s: { key: string; points: { step: number; value: number }[] }) => [s.key, s.points.map((p) => [p.step, p.value])]));
  const want = Object.fromEntries(names.map((n) => [n, expected.rows.filter((r) => n in r.values).map((r) => [r.step, r.values[n]])]));
  expect(stored).toEqual(want);
  const all = await (await fetch(`${baseUrl()}/api/v1/runs/${runId}/metrics`)).json();
  expect(all.series.map((s: { key: string }) => s.key).sort()).toEqual(names);
}

/** TFRecord framing walked independently of the importer: each record's start and end. */
function records(bytes: Uint8Array): { start: number; end: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  for (let at = 0; at + 12 <= bytes.length;) {
    const end = at + 12 + view.getUint32(at, true) + 4;
    out.push({ start: at, end });
    at = end;
  }
  return out;
}

const join = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const clean = (bytes: Uint8Array) => {
  const parsed = parseTensorboard(bytes);
  expect(parsed.problems).toEqual([]);
  return parsed;
};

describe("import of damaged files", () => {
  const framing = records(TB);
  const k = Math.floor(framing.length * 0.6);
  const victim = framing[k]!;

  it("a TensorBoard file cut mid-record keeps every whole record and reports the cut one", async () => {
    expect(framing.at(-1)!.end).toBe(TB.length);
    const cut = victim.start + 20;
    const imported = await upload("events.out.tfevents.1.cut", TB.subarray(0, cut));
    expect(imported.problem_count).toBe(1);
    expect(imported.problems[0]).toMatchObject({ offset: victim.start, record: k, message: expect.stringMatching(/truncated/) });
    await expectStored(imported.run.id, clean(TB.subarray(0, victim.start)));
  });

  it("a record with a damaged length header is skipped up to the next valid record, the rest imported", async () => {
    const bytes = new Uint8Array(TB);
    bytes[victim.start]! ^= 0x5a;
    const imported = await upload("events.out.tfevents.2.header", bytes);
    expect(imported.problem_count).toBe(1);
    expect(imported.problems[0]).toMatchObject({ offset: victim.start, message: expect.stringMatching(/header CRC.*skipped \d+ bytes/) });
    await expectStored(imported.run.id, clean(join(TB.subarray(0, victim.start), TB.subarray(victim.end))));
  });

  it("a record with damaged data is skipped by its checksum, the rest imported", async () => {
    const bytes = new Uint8Array(TB);
    bytes[victim.end - 6]! ^= 0x01;
    const imported = await upload("events.out.tfevents.3.data", bytes);
    expect(imported.problem_count).toBe(1);
    expect(imported.problems[0]).toMatchObject({ offset: victim.start, record: k, message: expect.stringMatching(/data CRC/) });
    await expectStored(imported.run.id, clean(join(TB.subarray(0, victim.start), TB.subarray(victim.end))));
  });

  it("a truncated trainer_state.json keeps the log_history entries written whole", async () => {
    const cut = Math.floor(STATE.length * 0.7);
    const imported = await upload("trainer_state.json", STATE.slice(0, cut));
    const state = JSON.parse(STATE) as { log_history: Record<string, number>[] };
    // Entries are written at an indent of four spaces: those closed before the cut are whole.
    const whole = STATE.slice(0, cut).split("\n    }").length - 1;
    expect(whole).toBeGreaterThan(5);
    expect(imported.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/ends|truncated/) })]);
    expect(imported.problems[0]!.offset as number).toBeGreaterThanOrEqual(cut - 1);
    await expectStored(imported.run.id, parseTrainerState(new TextEncoder().encode(JSON.stringify({ ...state, log_history: state.log_history.slice(0, whole) }))));
  });

  it("JSONL and CSV: a bad line in the middle and a cut last line are reported by line, the others stored", async () => {
    const steps = Array.from({ length: 50 }, (_, step) => step);
    const value = (step: number) => 1 / (step + 1);
    const jsonl = steps.map((step) => (step === 20 ? '{"step": 20, "loss": 0.5,,}' : JSON.stringify({ step, loss: value(step) }))).join("\n");
    const jsonlRun = await upload("metrics.jsonl", jsonl.slice(0, jsonl.length - 5));
    expect(jsonlRun.problems.map((p) => p.line)).toEqual([21, 50]);
    const kept = steps.filter((s) => s !== 20 && s !== 49).map((step) => ({ step, values: { loss: value(step) } }));
    await expectStored(jsonlRun.run.id, { rows: kept });

    const csv = ["_step,loss,acc", ...steps.map((step) => (step === 10 ? `10,${value(10)},0.5,extra` : `${step},${value(step)},0.5`))].join("\n");
    const csvRun = await upload("history.csv", csv.slice(0, csv.lastIndexOf(",")));
    expect(csvRun.problems.map((p) => p.line)).toEqual([12, 51]);
    const csvKept = steps.filter((s) => s !== 10 && s !== 49).map((step) => ({ step, values: { acc: 0.5, loss: value(step) } }));
    await expectStored(csvRun.run.id, { rows: csvKept });
  });
});
