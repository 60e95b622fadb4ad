// A W&B runs-table export (W&B's API recipe: `,summary,config,name`, each dict as its Python repr) uploaded as one
// file: a run per row, config and summary stored exactly (NaN and ±Infinity as the API spells them), no metric rows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importResponseSchema } from "@/lib/importers/contract";
import { baseUrl, newProject } from "./api-client";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/wandb/runs-table.csv");

async function upload(project: string, key: string, name: string, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("project", project);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as any };
}

async function getRun(key: string, id: string) {
  const response = await fetch(`${baseUrl()}/api/v1/runs/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

async function runNames(project: string, key: string): Promise<string[]> {
  const response = await fetch(`${baseUrl()}/api/v1/runs?project=${project}&archived=include`, { headers: { authorization: `Bearer ${key}` } });
  return ((await response.json()) as { runs: { name: string }[] }).runs.map((r) => r.name).sort();
}

describe("POST /api/v1/import of a W&B runs table", () => {
  it("makes a finished run per row with its config and summary exactly; the row that does not parse is a problem on its line", async () => {
    const { project, key } = await newProject("wbruns");
    // A name given for the upload does not rename every row's run.
    const answer = await upload(project, key, "runs-table.csv", readFileSync(FIXTURE), { name: "ignored", config: '{"dataset": "hh-rlhf"}' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(importResponseSchema.safeParse(answer.body).success).toBe(true);
    const runs = answer.body.runs;
    expect(runs.map((r: any) => [r.run.name, r.format, r.rows, r.run.status])).toEqual([
      ["dpo-beta0.1", "wandb_runs", 0, "finished"],
      ["ipo, beta=0.05", "wandb_runs", 0, "finished"],
      ["runs-table row 3", "wandb_runs", 0, "finished"],
    ]);
    expect(runs[0].problems).toEqual([{ line: 5, message: 'config cell is not a Python dict or JSON object: unexpected character "<" at offset 13; row skipped' }]);
    expect([runs[0].problem_count, runs[1].problem_count]).toEqual([1, 0]);

    const first = await getRun(key, runs[0].run.id);
    expect(first.algorithm).toBe("dpo"); // TRL's loss_type "sigmoid", as the other importers read it
    expect(first.config).toEqual({
      beta: 0.1,
      loss_type: "sigmoid",
      learning_rate: 1e-5,
      max_steps: 200,
      bf16: true,
      ref_model: null,
      lora_target_modules: ["q_proj", "v_proj"],
      betas: [0.9, 0.999],
      model: { name: "Qwen/Qwen2-0.5B", layers: 24 },
      dataset: "hh-rlhf",
      imported_from: "runs-table.csv",
      import_format: "wandb_runs",
    });
    expect(first.summary).toEqual({
      _step: 199,
      _runtime: 812.5,
      _timestamp: 1733300000.25,
      "train/loss": 0.4312,
      "train/rewards/accuracies": 0.8125,
      "eval/loss": "NaN",
      "train/grad_norm": "Infinity",
      "train/logps/rejected": "-Infinity",
      _wandb: { runtime: 812 },
      "eval/samples": { _type: "table-file", path: "media/table/eval_1.json", nrows: 8 },
      import_problems: 1,
    });

    const second = await getRun(key, runs[1].run.id);
    expect(second.algorithm).toBe("ipo");
    expect(second.config).toMatchObject({ beta: 0.05, loss_type: "ipo", learning_rate: 5e-7, label_smoothing: 0, seed: -1 });
    expect(second.summary).toEqual({ _step: 99, "train/loss": 0.6931, note: 'it\'s "quoted"\tand tabbed, β=0.05 — 日本語' });
    expect(await runNames(project, key)).toEqual(["dpo-beta0.1", "ipo, beta=0.05", "runs-table row 3"]);
  });

  it("refuses a runs table where no row gives a run (422 naming file, with the reason) and makes no run", async () => {
    const { project, key } = await newProject("wbruns");
    const answer = await upload(project, key, "project.csv", new TextEncoder().encode(",summary,config,name\n0,\"{'a': datetime(2024, 1, 1)}\",{},x\n"));
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(answer.body.error.path).toEqual(["file"]);
    expect(answer.body.error.message).toMatch(/project\.csv: nothing to import: line 2: summary cell is not a Python dict or JSON object: "datetime" is not a literal/);
    expect(await runNames(project, key)).toEqual([]);
  });

  it("imports W&B's UI runs export, splitting config from summary by name and saying so", async () => {
    const { project, key } = await newProject("wbruns");
    const text =
      '"Name","State","Notes","User","Tags","Created","Runtime","Sweep","beta","loss_type","train/loss"\n"ui-run","finished","-","ann","","2024-12-01T10:00:00.000Z","812","","0.1","sigmoid","inf"\n';
    const answer = await upload(project, key, "wandb_export_2024-12-01.csv", new TextEncoder().encode(text));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const [imported] = answer.body.runs;
    expect(imported.problems[0].message).toMatch(/does not say which columns are config: 2 named like hyperparameters went to config \(beta, loss_type\), the other 1 to summary/);
    const run = await getRun(key, imported.run.id);
    expect(run.config).toMatchObject({ beta: 0.1, loss_type: "sigmoid", wandb: { state: "finished", user: "ann", runtime: 812 } });
    expect(run.summary).toEqual({ "train/loss": "Infinity", import_problems: 1 });
  });
});
