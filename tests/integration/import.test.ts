import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseTensorboard, parseTrainerState } from "@/lib/importers";
import { eventRecord, join } from "@/lib/importers/test-support";
import { baseUrl, newProject, readSeries } from "./api-client";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const TB = path.join(FIXTURES, "tensorboard/events.out.tfevents.1795720549.vm.416.13");
const STATE = path.join(FIXTURES, "transformers-trainer/trainer_state.json");

async function upload(
  project: string,
  key: string | null,
  files: { name: string; bytes: Uint8Array }[],
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  form.set("project", project);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files) form.append("file", new Blob([new Uint8Array(f.bytes)]), f.name);
  const response = await fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers: key ? { ...headers, authorization: `Bearer ${key}` } : headers });
  return { status: response.status, body: (await response.json()) as any };
}

describe("POST /api/v1/import", () => {
  it("imports the TensorBoard fixture with every value exactly as the file holds it", async () => {
    const { project, key } = await newProject("imp");
    const bytes = readFileSync(TB);
    const response = await upload(project, key, [{ name: path.basename(TB), bytes }], { config: '{"beta_w":0.1,"beta_l":0.005}', algorithm: "flex_dpo" });
    expect(response.status).toBe(201);
    const [imported] = response.body.runs;
    expect(imported).toMatchObject({ format: "tensorboard", problem_count: 0 });
    expect(imported.run).toMatchObject({ algorithm: "flex_dpo", status: "finished", config: { beta_w: 0.1, beta_l: 0.005 } });
    const expected = parseTensorboard(bytes);
    for (const name of ["loss", "grad/log_abs_dL_dpi_l", "eval/pref_accuracy"]) {
      const rows = expected.rows.filter((r) => name in r.values);
      const series = await readSeries(imported.run.id, name, "&max_points=100000");
      expect(series.points.map((p) => [p.step, p.value])).toEqual(rows.map((r) => [r.step, r.values[name]]));
      expect(series.points[0]!.time).toBe(rows[0]!.time);
    }
  });

  it("imports trainer_state.json: train and eval rows of a step together, the summary row to the run's summary", async () => {
    const { project, key } = await newProject("imp");
    const bytes = readFileSync(STATE);
    // `summary` is what the CLI sends from HF's all_results.json beside the file; it wins over the file's totals row.
    const response = await upload(project, key, [{ name: "trainer_state.json", bytes }], { name: "trl-run", summary: '{"eval_accuracy": 0.75, "train_loss": 1.5}' });
    expect(response.status).toBe(201);
    const run = response.body.runs[0].run;
    const expected = parseTrainerState(bytes);
    expect(run.name).toBe("trl-run");
    expect(Object.keys(run.summary)).toEqual(expect.arrayContaining(Object.keys(expected.summary)));
    expect(run.summary).toMatchObject({ eval_accuracy: 0.75, train_loss: 1.5 });
    const refused = await upload(project, key, [{ name: "trainer_state.json", bytes }], { summary: "[1]" });
    expect([refused.status, refused.body.error.path]).toEqual([422, ["summary"]]);
    const loss = await readSeries(run.id, "loss", "&max_points=100000");
    expect(loss.points.map((p) => p.value)).toEqual(expected.rows.filter((r) => "loss" in r.values).map((r) => r.values.loss));
  });

  it("lifts the TrainingArguments HF's callback logged as text to top-level config keys (the user's config wins)", async () => {
    const { project, key } = await newProject("imp");
    const file = path.join(FIXTURES, "transformers-trainer/events.out.tfevents.1795720448.vm.416.4");
    const response = await upload(project, key, [{ name: path.basename(file), bytes: readFileSync(file) }], { config: '{"warmup_steps": 7}' });
    expect(response.status).toBe(201);
    const { config } = response.body.runs[0].run;
    expect(config).toMatchObject({ learning_rate: 0.0001, max_steps: 200, logging_steps: 5, warmup_steps: 7 });
    expect(config.args).toBeUndefined();
  });

  it("names the algorithm from the loss_type the logged arguments hold, when the upload names none", async () => {
    const { project, key } = await newProject("imp");
    const args = JSON.stringify({ beta: 0.05, loss_type: ["sigmoid"] });
    const bytes = join(eventRecord(0, 1.7e9, [{ tag: "args/text_summary", text: args }]), eventRecord(1, 1.7e9 + 1, [{ tag: "train/loss", simple: 0.5 }]));
    const named = await upload(project, key, [{ name: "events.out.tfevents.1700000000.h.1.0", bytes }]);
    expect(named.status).toBe(201);
    expect(named.body.runs[0].run).toMatchObject({ algorithm: "dpo", config: { beta: 0.05 } });
    const given = await upload(project, key, [{ name: "events.out.tfevents.1700000000.h.1.0", bytes }], { algorithm: "ipo" });
    expect(given.body.runs[0].run.algorithm).toBe("ipo");
  });

  it("takes the step from the key step_key names (JSONL and CSV), and says so when a line lacks it", async () => {
    const { project, key } = await newProject("imp");
    const text = '{"iteration": 5, "loss": 0.5}\n{"iteration": 10, "loss": 0.25}\n{"step": 15, "loss": 0.1}\n';
    const response = await upload(project, key, [{ name: "log.jsonl", bytes: new TextEncoder().encode(text) }], { step_key: "iteration" });
    expect(response.status).toBe(201);
    expect(response.body.runs[0]).toMatchObject({ rows: 2, problem_count: 1, problems: [{ line: 3, message: expect.stringMatching(/no iteration key/) }] });
    const loss = await readSeries(response.body.runs[0].run.id, "loss");
    expect(loss.points.map((p) => [p.step, p.value])).toEqual([
      [5, 0.5],
      [10, 0.25],
    ]);
  });

  it("stores the good records of a corrupted event file and reports the bad one", async () => {
    const { project, key } = await newProject("imp");
    const bytes = new Uint8Array(readFileSync(TB));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    const response = await upload(project, key, [{ name: path.basename(TB), bytes }]);
    expect(response.status).toBe(201);
    const imported = response.body.runs[0];
    expect(imported.problem_count).toBeGreaterThan(0);
    expect(imported.problems[0].message).toMatch(/crc|checksum|corrupt/i);
    expect(imported.rows).toBeGreaterThan(300);
  });

  it("refuses an unknown format with 415 and writes nothing; needs a key from outside the dashboard", async () => {
    const { project, key } = await newProject("imp");
    const bad = await upload(project, key, [{ name: "notes.txt", bytes: new TextEncoder().encode("hello") }]);
    expect(bad.status).toBe(415);
    expect(bad.body.error.path).toEqual(["file"]);
    const runs = await (await fetch(`${baseUrl()}/api/v1/runs?project=${project}`)).json();
    expect(runs.runs).toEqual([]);
    expect((await upload(project, null, [{ name: "a.jsonl", bytes: new Uint8Array() }], {}, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const other = await newProject("imp");
    expect((await upload(project, other.key, [{ name: "a.jsonl", bytes: new Uint8Array() }])).status).toBe(403);
    expect((await upload(project, key, [])).status).toBe(422);
  });
});
