// `prefscope import` on folders as trainings leave them: the config files beside the logs feed the run's config
// (so the diagnostics know β and the loss), and two trainings written into one log dir become two runs.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { eventRecord, join } from "@/lib/importers/test-support";
import { openDb } from "../support/direct-db";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "..", "..", "bin", "prefscope.mjs");
// A command starts node and opens a database: tens of seconds on a busy machine. No assertion is about time.
const SLOW = 300_000;
const databaseUrl = inject("databaseUrl");

/** Imports `target` straight into a database of its own (embedded) or the suite's Postgres server, and reads the project's runs back. */
async function importAndRead(target: string, project: string) {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-plan-db-")), "db");
  const env = databaseUrl ? { DATABASE_URL: databaseUrl } : { PREFSCOPE_DATA_DIR: dataDir };
  const out = await run(process.execPath, [CLI, "import", target, "--project", project], { env: { ...process.env, ...env }, timeout: 240_000, cwd: target });
  const db = await openDb({ dataDir }, databaseUrl);
  try {
    const runs = await db.query(
      `select r.name, r.algorithm, r.config, (select count(distinct m.step)::int from metrics m where m.run_id = r.id) as steps
         from runs r join projects p on p.id = r.project_id where p.name = $1 order by r.name`,
      [project],
    );
    return { ...out, runs: runs as { name: string; algorithm: string | null; config: Record<string, unknown>; steps: number }[] };
  } finally {
    await db.close();
  }
}

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

describe("prefscope import: what sits beside the logs", () => {
  it("reads training_args.json, the model's config.json and adapter_config.json from the training's output dir into the run's config, and says so", { timeout: SLOW }, async () => {
    const out = mkdtempSync(path.join(tmpdir(), "prefscope-out-"));
    const logDir = path.join(out, "runs", "Dec04_10-00-00_host");
    mkdirSync(logDir, { recursive: true });
    writeFileSync(
      path.join(logDir, "events.out.tfevents.1700000000.host.1.0"),
      join(...[1, 2, 3].map((step) => eventRecord(step, 1.7e9 + step, [{ tag: "train/loss", simple: 1 / step }]))),
    );
    writeFileSync(path.join(out, "training_args.json"), '{"beta": 0.05, "loss_type": "sigmoid", "learning_rate": 5e-7}');
    writeFileSync(path.join(out, "config.json"), '{"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_layer": 2}');
    writeFileSync(path.join(out, "adapter_config.json"), '{"peft_type": "LORA", "r": 8}');
    const project = unique("cli-config");
    const { stdout, stderr, runs } = await importAndRead(out, project);
    expect(stdout).toMatch(/^Dec04_10-00-00_host\ttensorboard\t3 rows\t0 problems/);
    expect(stderr).toContain("config for runs/Dec04_10-00-00_host: training_args.json, config.json (as model), adapter_config.json (as adapter)");
    expect(runs).toHaveLength(1);
    // TRL's loss_type names the algorithm; β reaches the diagnostics as a top-level key.
    expect(runs[0]).toMatchObject({
      algorithm: "dpo",
      steps: 3,
      config: { beta: 0.05, loss_type: "sigmoid", learning_rate: 5e-7, model: { model_type: "gpt2", n_layer: 2 }, adapter: { r: 8 }, import_format: "tensorboard" },
    });
  });

  it("makes each training written into one TensorBoard log dir a run of its own (the steps start over), a resumption staying with its training", { timeout: SLOW }, async () => {
    const root = mkdtempSync(path.join(tmpdir(), "prefscope-two-"));
    const dir = path.join(root, "dpo");
    mkdirSync(dir);
    const loss = (steps: number[], offset: number) => join(...steps.map((step) => eventRecord(step, 1.7e9 + step, [{ tag: "train/loss", simple: offset + step }])));
    writeFileSync(path.join(dir, "events.out.tfevents.1700000000.host.1.0"), loss([1, 2, 3], 0));
    writeFileSync(path.join(dir, "events.out.tfevents.1700000100.host.1.0"), loss([4, 5], 0)); // resumed from a checkpoint
    writeFileSync(path.join(dir, "events.out.tfevents.1700000200.host.2.0"), loss([1, 2], 100)); // the next training
    const { stdout, stderr, runs } = await importAndRead(root, unique("cli-two"));
    expect(stderr).toMatch(/dpo holds 2 trainings \(the steps start over in events\.out\.tfevents\.1700000200\.host\.2\.0\): a run each/);
    expect(stdout).not.toContain("problem:"); // no "starts again" warning: nothing was replaced
    expect(runs.map((r) => [r.name, r.steps])).toEqual([
      ["dpo", 5],
      ["dpo (2)", 2],
    ]);
  });
});
