import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Query } from "../support/direct-db";
import { client, type Credentials } from "../support/accounts";
import { startApp, type AppServer } from "../support/app-server";
import { createTestDatabase } from "../support/test-database";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };
/** Every table holding a run's rows (metric_keys, flag_notifications by foreign key; the rest by run_id alone). */
const RUN_TABLES = ["metrics", "metric_rollups", "sequences", "ingest_batches", "flag_notifications", "metric_keys", "runs"] as const;
const PROJECT_TABLES = ["api_keys", "project_members", "reports", "share_links", "runs"] as const;

async function runRowCounts(query: Query, runId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of RUN_TABLES) {
    const column = table === "runs" ? "id" : "run_id";
    out[table] = Number((await query(`select count(*)::int as n from ${table} where ${column} = $1`, [runId]))[0]!.n);
  }
  return out;
}

async function projectRowCounts(query: Query, projectId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of PROJECT_TABLES) {
    const where = table === "share_links" ? "report_id in (select id from reports where project_id = $1)" : "project_id = $1";
    out[table] = Number((await query(`select count(*)::int as n from ${table} where ${where}`, [projectId]))[0]!.n);
  }
  out.projects = Number((await query("select count(*)::int as n from projects where id = $1", [projectId]))[0]!.n);
  return out;
}

describe("run and project lifecycle: archive, restore, delete", () => {
  let app: AppServer;
  let databaseUrl: string | null = null;
  let dropDatabase: (() => Promise<void>) | undefined;
  let request: ReturnType<typeof client>;
  let key: Credentials;
  let readKey: Credentials;
  const ids: Record<string, string> = {};
  let alphaId = 0;
  let doomedProjectId = 0;

  const start = async (dataDir?: string) => {
    app = await startApp({ dataDir, env: { PREFSCOPE_DELETE_BATCH_ROWS: "10000", PREFSCOPE_FLAGS_DEBOUNCE_MS: "1000", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
    request = client(app.url);
  };

  const newRun = async (name: string, credentials = key, project = "life") => {
    const created = await request("POST", "/api/v1/runs", credentials, { project, name, algorithm: "dpo", config: { beta: 0.1 } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const logMetrics = async (runId: string, from: number, steps: number, credentials = key) => {
    const rows = Array.from({ length: steps }, (_, i) => ({ step: from + i, values: { loss: 1 / (from + i + 1), acc: 0.5, "reward/chosen": -1, "reward/rejected": -2 } }));
    const answer = await request("POST", `/api/v1/runs/${runId}/metrics`, credentials, { batch_id: `b${from}`, rows });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };
  const logPairs = async (runId: string) => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ step: i % 5, pair_id: `p${i}`, logp_chosen: -1, logp_rejected: -2, ref_logp_chosen: -1.1, ref_logp_rejected: -1.9 }));
    expect((await request("POST", `/api/v1/runs/${runId}/sequences`, key, { rows, batch_id: "s0" })).status).toBe(200);
  };
  const listed = async (query = "") => ((await request("GET", `/api/v1/runs?project=life${query}`, key)).body.runs as { id: string }[]).map((r) => r.id);

  beforeAll(async () => {
    const database = await createTestDatabase();
    databaseUrl = database?.url ?? null;
    dropDatabase = database?.drop;
    await start();
    const made = await request("POST", "/api/v1/projects/life/keys", SAME_ORIGIN, {});
    key = { authorization: `Bearer ${made.body.key}` };
    readKey = { authorization: `Bearer ${(await request("POST", "/api/v1/projects/life/keys", SAME_ORIGIN, { scope: "read" })).body.key}` };
    for (const name of ["kept", "archived", "doomed", "big", "resumed"]) ids[name] = await newRun(name);
    for (const name of ["kept", "archived", "doomed", "resumed"]) {
      await logMetrics(ids[name]!, 0, 300);
      await logPairs(ids[name]!);
    }
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await dropDatabase?.();
  });

  it("archive hides a run from lists and the runs table, keeps it readable and writable, and restore brings it back", async () => {
    const id = ids.archived!;
    const archived = await request("POST", `/api/v1/runs/${id}/archive`, key);
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect(archived.body.archived_at).toBeTruthy();
    expect(await listed()).not.toContain(id);
    expect(await listed("&archived=include")).toContain(id);
    expect(await listed("&archived=only")).toEqual([id]);
    const table = await request("GET", "/api/v1/projects/life/runs-table", key);
    expect(table.body.runs.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(table.body.total).toBe(4);
    const tableAll = await request("GET", "/api/v1/projects/life/runs-table?archived=include", key);
    expect(tableAll.body.runs.find((r: { id: string }) => r.id === id).archived_at).toBeTruthy();
    // Still open by id, and a trainer that keeps logging to it is accepted (as W&B does).
    expect((await request("GET", `/api/v1/runs/${id}`, key)).status).toBe(200);
    await logMetrics(id, 300, 10);
    expect((await request("GET", "/api/v1/runs?project=life&archived=maybe", key)).status).toBe(422);

    const restored = await request("POST", `/api/v1/runs/${id}/restore`, key);
    expect(restored.status).toBe(200);
    expect(restored.body.archived_at).toBeNull();
    expect(await listed()).toContain(id);
  });

  it("a refused delete or archive changes nothing", async () => {
    const id = ids.kept!;
    expect((await request("DELETE", `/api/v1/runs/${id}`, readKey)).status).toBe(403);
    expect((await request("POST", `/api/v1/runs/${id}/archive`, readKey)).status).toBe(403);
    // Another site's page, in local mode (no users yet), cannot delete either.
    expect((await request("DELETE", `/api/v1/runs/${id}`, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await request("DELETE", `/api/v1/projects/life`, key)).status).toBe(403);
    expect(await listed()).toContain(id);
    const metrics = await request("GET", `/api/v1/runs/${id}/metrics?keys=loss`, key);
    expect(metrics.body.series[0].points).toHaveLength(300);
  });

  it("delete hides the run at once, removes its rows, and reports that showed it say 'run deleted'", { timeout: 120_000 }, async () => {
    const id = ids.doomed!;
    const report = await request("POST", "/api/v1/projects/life/reports", key, { title: "doomed run", url: `/runs/${id}` });
    expect(report.status).toBe(201);
    const live = (await request("POST", `/api/v1/projects/life/reports/${report.body.id}/share-links`, key, { mode: "live" })).body.token as string;
    const frozen = (await request("POST", `/api/v1/projects/life/reports/${report.body.id}/share-links`, key, { mode: "frozen" })).body.token as string;
    expect((await request("GET", `/api/v1/share/${frozen}/run`)).status).toBe(200);

    // A batch just before the delete schedules a flag recomputation (1 s debounce): the delete must silence it.
    await logMetrics(id, 300, 5);
    const deleted = await request("DELETE", `/api/v1/runs/${id}`, key);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body.rows.metrics).toBe(1220);
    expect(deleted.body.rows.sequences).toBe(50);
    expect((await request("GET", `/api/v1/runs/${id}`, key)).status).toBe(404);
    expect((await request("POST", `/api/v1/runs/${id}/metrics`, key, { rows: [{ step: 999, values: { loss: 1 } }] })).status).toBe(404);
    expect(await listed("&archived=include")).not.toContain(id);
    // Deleting again: nothing there.
    expect((await request("DELETE", `/api/v1/runs/${id}`, key)).status).toBe(404);

    const reports = await request("GET", "/api/v1/projects/life/reports", key);
    expect(reports.body.reports.find((r: { id: string }) => r.id === report.body.id).run_deleted).toBe(true);
    for (const token of [live, frozen]) {
      expect((await request("GET", `/api/v1/share/${token}/run`)).status).toBe(404);
      expect((await request("GET", `/api/v1/share/${token}/metrics`)).status).toBe(404);
      const page = await request("GET", `/r/${token}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Run deleted");
    }
    const dashboard = await request("GET", `/p/life/runs/${id}`, SAME_ORIGIN);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain("Run deleted");
    // A marker instead of a sleep: a batch to another run, logged after the delete, schedules its recomputation
    // with the same debounce, so by the time its flags are computed the doomed run's timer would have fired too.
    const marker = await newRun("marker");
    await logMetrics(marker, 0, 5);
    const markerDeadline = Date.now() + 30_000;
    let settled = false;
    while (!settled && Date.now() < markerDeadline) {
      const run = (await request("GET", `/api/v1/runs/${marker}`, key)).body;
      settled = run.flags_current === true;
      if (!settled) await new Promise((r) => setTimeout(r, 100));
    }
    expect(settled, "the marker run's flags were computed").toBe(true);
    expect(app.output()).not.toContain(`flags of run ${id}`);
    expect(app.output()).not.toContain("unexpected error");
  });

  it("deletes a 200,000-row run in batches while another client's reads complete", async () => {
    const id = ids.big!;
    for (let from = 0; from < 50_000; from += 5_000) await logMetrics(id, from, 5_000);
    let deleteDone = false;
    const deletion = request("DELETE", `/api/v1/runs/${id}`, key).then((answer) => ((deleteDone = true), answer));
    const readsDuring: number[] = [];
    while (!deleteDone) {
      const read = await request("GET", `/api/v1/runs/${ids.kept}/metrics?keys=loss`, readKey);
      expect(read.status).toBe(200);
      if (!deleteDone) readsDuring.push(read.body.series[0].points.length);
    }
    const answer = await deletion;
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.rows.metrics).toBe(200_000);
    // Another client's read finished while the delete was still going: it was not one long lock.
    expect(readsDuring.length).toBeGreaterThan(0);
    expect(readsDuring.every((n) => n === 300)).toBe(true);
  }, 240_000);

  it("deletes a project with its runs, keys, members, reports and share links; its name is free at once", async () => {
    const made = await request("POST", "/api/v1/projects/gone/keys", SAME_ORIGIN, {});
    const goneKey = { authorization: `Bearer ${made.body.key}` };
    const runId = await newRun("g1", goneKey, "gone");
    await logMetrics(runId, 0, 100, goneKey);
    const report = await request("POST", "/api/v1/projects/gone/reports", goneKey, { title: "t", url: `/runs/${runId}` });
    await request("POST", `/api/v1/projects/gone/reports/${report.body.id}/share-links`, goneKey, { mode: "live" });
    expect((await request("POST", "/api/v1/projects/gone/archive", SAME_ORIGIN)).body.archived_at).toBeTruthy();
    const home = await request("GET", "/", SAME_ORIGIN);
    expect(home.body).not.toContain('href="/p/gone"');
    expect((await request("GET", "/?archived=include", SAME_ORIGIN)).body).toContain('href="/p/gone"');

    const deleted = await request("DELETE", "/api/v1/projects/gone", SAME_ORIGIN);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toMatchObject({ project: "gone", runs: 1, deleted: true });
    expect(deleted.body.rows.metrics).toBe(400);
    expect((await request("GET", "/api/v1/projects/gone", SAME_ORIGIN)).status).toBe(404);
    expect((await request("GET", `/api/v1/runs/${runId}`, SAME_ORIGIN)).status).toBe(404);
    expect((await request("POST", "/api/v1/runs", goneKey, { project: "gone", name: "again" })).status).toBe(401);
    const again = await request("POST", "/api/v1/projects", SAME_ORIGIN, { name: "gone" });
    expect(again.status).toBe(201);
    ids.goneRun = runId;
  });

  it("leaves no row of a deleted run or project in any table, and finishes at boot a delete a crash cut short", async () => {
    await app.stop();
    let db = await openDb(app, databaseUrl);
    try {
      for (const name of ["doomed", "big", "goneRun"]) {
        expect(await runRowCounts(db.query, ids[name]!), name).toEqual(Object.fromEntries(RUN_TABLES.map((t) => [t, 0])));
      }
      const kept = await runRowCounts(db.query, ids.kept!);
      expect(kept).toMatchObject({ metrics: 1200, sequences: 50, metric_keys: 4, runs: 1 });
      expect(kept.metric_rollups).toBeGreaterThan(0);
      alphaId = Number((await db.query("select project_id from runs where id = $1", [ids.kept]))[0]!.project_id);
      doomedProjectId = Number((await db.query("select id from projects where name = 'gone'"))[0]!.id);
      // A crash right after the mark: the next boot finishes the purge.
      const before = await runRowCounts(db.query, ids.resumed!);
      expect(before.metrics).toBe(1200);
      await db.query("update runs set deleting_at = now() where id = $1", [ids.resumed]);
    } finally {
      await db.close();
    }
    await start(app.dataDir ?? undefined);
    expect((await request("GET", `/api/v1/runs/${ids.resumed}`, key)).status).toBe(404);
    const deadline = Date.now() + 60_000;
    while (!app.output().includes("finished deleting 1 runs") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(app.output()).toContain("finished deleting 1 runs");
    await app.stop();
    db = await openDb(app, databaseUrl);
    try {
      expect(await runRowCounts(db.query, ids.resumed!)).toEqual(Object.fromEntries(RUN_TABLES.map((t) => [t, 0])));
      expect((await runRowCounts(db.query, ids.kept!)).metrics).toBe(1200);
      expect(alphaId).toBeGreaterThan(0);
      // The re-created "gone" is a new, empty project, the only one of that name left.
      expect((await db.query("select count(*)::int as n from projects where name like 'gone%'"))[0]!.n).toBe(1);
      expect(await projectRowCounts(db.query, doomedProjectId)).toEqual({ api_keys: 0, project_members: 0, reports: 0, share_links: 0, runs: 0, projects: 1 });
    } finally {
      await db.close();
    }
    await start(app.dataDir ?? undefined);
  }, 180_000);
});
