import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { formatBytes } from "@/lib/core/view/progress";
import { startApp } from "../support/app-server";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "..", "..", "bin", "prefscope.mjs");

// Each command starts node with tsx (transpiling lib/ on the fly) and most open a database: tens of seconds apiece
// on a busy machine, so the tests get minutes. No assertion is about time.
const SLOW = 300_000;

function prefscope(args: string[], env: Record<string, string>) {
  return run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 240_000 });
}

async function logWithKey(url: string, key: string, project: string) {
  const created = await fetch(`${url}/api/v1/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ project, name: "from-cli-key" }),
  });
  return created.status;
}

const databaseUrl = inject("databaseUrl");

describe.skipIf(databaseUrl !== null)("prefscope keys create on the embedded database (embedded database only)", () => {
  it("opens the database itself when no server holds it, and goes through the server when one does", { timeout: SLOW }, async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-cli-")), "db");
    const direct = await prefscope(["keys", "create", "--project", "cli-direct"], { PREFSCOPE_DATA_DIR: dataDir });
    const directKey = direct.stdout.trim();
    expect(directKey).toMatch(/^ps_[\w-]{32}$/);

    const app = await startApp({ dataDir });
    try {
      expect(await logWithKey(app.url, directKey, "cli-direct")).toBe(201);
      const viaServer = await prefscope(["keys", "create", "--project", "cli-live"], { PREFSCOPE_DATA_DIR: dataDir });
      const liveKey = viaServer.stdout.trim();
      expect(liveKey).toMatch(/^ps_/);
      expect(await logWithKey(app.url, liveKey, "cli-live")).toBe(201);
      const listed = await prefscope(["keys", "list", "--project", "cli-live"], { PREFSCOPE_DATA_DIR: dataDir }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { stderr: string; code: number }) => e,
      );
      expect(listed.code).toBe(1);
      expect(listed.stderr).toContain("is open in a PrefScope server");
      expect(listed.stderr).toContain("Stop that process");
    } finally {
      await app.stop();
    }
  });

  it("refuses to start a second server on a data folder in use, saying why", { timeout: SLOW }, async () => {
    const app = await startApp();
    try {
      const second = await startApp({ dataDir: app.dataDir! }).catch((e: Error) => e);
      expect(second).toBeInstanceOf(Error);
      expect((second as Error).message).toContain("is open in a PrefScope server");
    } finally {
      await app.stop();
    }
  });
});

describe("prefscope import", () => {
  // On the embedded database the second import goes through the server holding it; on a Postgres server both go
  // to the database directly, and the suite's running app reads what they wrote.
  it("imports the fixtures folder (one run per training, named skips, results files to the summary) directly, then with a name and algorithm", { timeout: SLOW }, async () => {
    // The real tools' outputs only (tests/fixtures also holds the clients' hand-written spool files).
    const fixtures = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-fixtures-")), "fixtures");
    for (const tool of ["tensorboard", "transformers-trainer"]) cpSync(path.resolve(import.meta.dirname, "../fixtures", tool), path.join(fixtures, tool), { recursive: true });
    // What HF's Trainer writes beside its trainer state at the end of training.
    writeFileSync(path.join(fixtures, "transformers-trainer", "all_results.json"), '{"epoch": 1.0, "eval_accuracy": 0.75}');
    const env: Record<string, string> = databaseUrl
      ? { DATABASE_URL: databaseUrl }
      : { PREFSCOPE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), "prefscope-import-")), "db") };
    const direct = await prefscope(["import", fixtures, "--project", "cli-import"], env);
    const lines = direct.stdout
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("  "));
    expect(lines.map((l) => l.split("\t").slice(0, 4).join(" ")).sort()).toEqual([
      "tensorboard tensorboard 401 rows 0 problems",
      "transformers-trainer trainer_state 40 rows 0 problems",
    ]);
    // The Trainer's own event file holds the same values as its trainer state: one run, and the skip is said.
    expect(direct.stderr).toMatch(/skipped .*transformers-trainer\/events\.out\.tfevents\.1795720448\.vm\.416\.4: logged by the same training as .*trainer_state\.json/);
    const app = databaseUrl ? null : await startApp({ dataDir: env.PREFSCOPE_DATA_DIR });
    try {
      const live = await prefscope(["import", path.join(fixtures, "tensorboard"), "--project", "cli-import", "--name", "via-server", "--algorithm", "flex_dpo"], env);
      expect(live.stdout).toMatch(/^via-server\ttensorboard\t401 rows\t0 problems/);
      const runs = await (await fetch(`${app?.url ?? inject("baseUrl")}/api/v1/runs?project=cli-import`)).json();
      expect(runs.runs).toHaveLength(3);
      expect(runs.runs[0]).toMatchObject({ name: "via-server", algorithm: "flex_dpo", status: "finished" });
      const trainer = runs.runs.find((r: { config: { import_format?: string } }) => r.config.import_format === "trainer_state");
      expect(trainer.summary).toMatchObject({ epoch: 1, eval_accuracy: 0.75, train_runtime: expect.any(Number) });
    } finally {
      await app?.stop();
    }
  });

  it("shows progress on stderr with --progress (bytes of the total, rows), and nothing extra on a pipe without it", { timeout: SLOW }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "prefscope-progress-"));
    const file = path.join(folder, "long.jsonl");
    const text = `${Array.from({ length: 20_000 }, (_, step) => JSON.stringify({ step, loss: 1 / (step + 1) })).join("\n")}\n`;
    writeFileSync(file, text);
    const env: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { PREFSCOPE_DATA_DIR: path.join(folder, "db") };
    const shown = await prefscope(["import", file, "--project", "cli-progress", "--progress"], env);
    expect(shown.stdout).toMatch(/^long\tjsonl\t20000 rows\t0 problems/);
    const progress = shown.stderr.split("\n").filter((line) => line.startsWith("import: "));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const size = formatBytes(Buffer.byteLength(text));
    expect(progress.at(-1)).toMatch(new RegExp(`^import: ${size} of ${size} \\(100%\\) · 20,000 rows`));
    const quiet = await prefscope(["import", file, "--project", "cli-progress", "--name", "again"], env);
    expect(quiet.stdout).toMatch(/^again\tjsonl\t20000 rows/);
    expect(quiet.stderr).not.toContain("import: ");
  });
});

describe("prefscope import of a W&B runs table", () => {
  it("makes a run per row (config and summary, no rows) and prints the problem row's line", { timeout: SLOW }, async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "prefscope-wandb-"));
    const env: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { PREFSCOPE_DATA_DIR: path.join(folder, "db") };
    const file = path.resolve(import.meta.dirname, "../fixtures/wandb/runs-table.csv");
    const direct = await prefscope(["import", file, "--project", "cli-wandb-runs"], env);
    const lines = direct.stdout.trim().split("\n");
    expect(lines.map((l) => l.split("\t").slice(0, 4).join(" | "))).toEqual([
      "dpo-beta0.1 | wandb_runs | 0 rows | 1 problems",
      '  problem: line 5: config cell is not a Python dict or JSON object: unexpected character "<" at offset 13; row skipped',
      "ipo, beta=0.05 | wandb_runs | 0 rows | 0 problems",
      "runs-table row 3 | wandb_runs | 0 rows | 0 problems",
    ]);
  });
});

describe("prefscope toy", () => {
  it("logs the paper's toy model through the running server with the TypeScript client", { timeout: SLOW }, async () => {
    const env: Record<string, string> = databaseUrl ? { PREFSCOPE_URL: inject("baseUrl") } : {};
    const app = databaseUrl ? null : await startApp();
    try {
      const url = app?.url ?? inject("baseUrl");
      if (databaseUrl) env.PREFSCOPE_API_KEY = (await prefscope(["keys", "create", "--project", "toy-cli"], { DATABASE_URL: databaseUrl })).stdout.trim();
      else env.PREFSCOPE_DATA_DIR = app!.dataDir!;
      const out = await prefscope(["toy", "--scenario", "2", "--algorithm", "flex_dpo", "--beta-w", "0.1", "--beta-l", "0.01", "--steps", "120", "--project", "toy-cli"], env);
      const runId = /runs\/([0-9a-f-]{36})/.exec(out.stdout)?.[1];
      expect(runId).toBeDefined();
      const run = await (await fetch(`${url}/api/v1/runs/${runId}`)).json();
      expect(run).toMatchObject({ name: "toy-s2-flex_dpo-bw0.1-bl0.01-seed1", algorithm: "flex_dpo", status: "finished", config: { scenario: 2, beta_w: 0.1, beta_l: 0.01 } });
      const loss = await (await fetch(`${url}/api/v1/runs/${runId}/metrics?keys=loss`)).json();
      expect(loss.series[0].total).toBe(121);
      const pairs = await (await fetch(`${url}/api/v1/runs/${runId}/sequences`)).json();
      expect(pairs.rows.length).toBeGreaterThan(0);
    } finally {
      await app?.stop();
    }
  });
});

describe.skipIf(databaseUrl === null)("prefscope keys create on a Postgres server (DATABASE_URL only)", () => {
  it("creates a key the running app accepts", { timeout: SLOW }, async () => {
    const created = await prefscope(["keys", "create", "--project", "cli-server"], { DATABASE_URL: databaseUrl! });
    expect(await logWithKey(inject("baseUrl"), created.stdout.trim(), "cli-server")).toBe(201);
  });
});

describe.skipIf(databaseUrl !== null)("npm start's first boot (embedded database only: a server is not seeded)", () => {
  // Seeding computes the demo's toy-model runs before the server answers: a minute or more on a busy machine.
  it("seeds the demo project on an empty embedded database and prints the URL and a working key", { timeout: SLOW }, async () => {
    const app = await startApp({ env: { PREFSCOPE_SEED: undefined }, startTimeoutMs: 240_000 });
    try {
      const banner = app.output();
      expect(banner).toContain(`PrefScope dashboard: ${app.url}`);
      const key = /Demo API key \(shown once\): (ps_\S+)/.exec(banner)?.[1];
      expect(key).toBeDefined();
      expect(await logWithKey(app.url, key!, "demo")).toBe(201);
      const runs = (await (await fetch(`${app.url}/api/v1/runs?project=demo`)).json()) as { runs: unknown[] };
      expect(runs.runs.length).toBeGreaterThanOrEqual(4);
    } finally {
      await app.stop();
    }
  });
});

describe("prefscope runs|projects archive, restore, delete", () => {
  it("archives, restores and deletes a run (delete only with --yes), then a project, directly and through a server", async () => {
    const env: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { PREFSCOPE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), "prefscope-life-")), "db") };
    const app = databaseUrl ? null : await startApp({ dataDir: env.PREFSCOPE_DATA_DIR });
    const url = app?.url ?? inject("baseUrl");
    const fail = (e: { code: number; stderr: string }) => e;
    try {
      const key = (await prefscope(["keys", "create", "--project", "cli-life"], env)).stdout.trim();
      const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
      const created = await fetch(`${url}/api/v1/runs`, { method: "POST", headers: auth, body: JSON.stringify({ project: "cli-life", name: "r" }) });
      const id = ((await created.json()) as { id: string }).id;
      await fetch(`${url}/api/v1/runs/${id}/metrics`, { method: "POST", headers: auth, body: JSON.stringify({ rows: [{ step: 0, values: { loss: 1 } }] }) });
      const listed = async (archived = "exclude") =>
        ((await (await fetch(`${url}/api/v1/runs?project=cli-life&archived=${archived}`, { headers: auth })).json()) as { runs: { id: string }[] }).runs.map((r) => r.id);

      expect((await prefscope(["runs", "archive", id], env)).stdout).toContain(`Archived run ${id}`);
      expect(await listed()).toEqual([]);
      expect(await listed("only")).toEqual([id]);
      await prefscope(["runs", "restore", id], env);
      expect(await listed()).toEqual([id]);
      const unconfirmed = await prefscope(["runs", "delete", id], env).then(() => ({ code: 0, stderr: "" }), fail);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain("--yes");
      expect(await listed()).toEqual([id]);
      expect((await prefscope(["runs", "delete", id, "--yes"], env)).stdout).toContain(`Deleted run ${id} (1 metrics`);
      expect(await listed("include")).toEqual([]);
      const again = await prefscope(["runs", "delete", id, "--yes"], env).then(() => ({ code: 0, stderr: "" }), fail);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("does not exist");
    } finally {
      await app?.stop();
    }
    // Projects, on the database directly (the embedded one now that no server holds it).
    expect((await prefscope(["projects", "archive", "cli-life"], env)).stdout).toContain("Archived project cli-life");
    expect((await prefscope(["projects", "delete", "cli-life"], env).then(() => ({ code: 0, stderr: "" }), fail)).code).toBe(2);
    expect((await prefscope(["projects", "delete", "cli-life", "--yes"], env)).stdout).toContain("Deleted project cli-life: 0 runs");
    const keys = await prefscope(["keys", "list", "--project", "cli-life"], env).then(() => ({ code: 0, stderr: "" }), fail);
    expect(keys.stderr).toContain('Project "cli-life" does not exist');
  }, 600_000);
});
