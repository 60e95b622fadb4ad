// Pinned regression: an import refused mid-file writes nothing. The fuzzer once found (on Postgres) a refused
// upload whose first chunk of rows had already been stored under a run the refusal left behind. Here the first
// 2,000 rows are written (the importer writes in chunks of 2,000) before a later line names more metrics than a run
// may hold; the answer must be a 422 and the database must hold no run and no row of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../support/direct-db";
import { startApp, type AppServer } from "../support/app-server";
import { createTestDatabase } from "../support/test-database";

/** Every table holding a run's rows: rows whose run is gone are what a partial write leaves. */
const RUN_TABLES = ["metrics", "metric_rollups", "sequences", "ingest_batches", "metric_keys", "flag_notifications"] as const;
const NAMES_PER_RUN = 5;
const GOOD_LINES = 2_500;

/** JSONL: `GOOD_LINES` steps of `loss`, then (with `tail`) steps each naming a metric of its own, past the cap. */
function jsonl(tail: boolean): string {
  const lines = Array.from({ length: GOOD_LINES }, (_, step) => JSON.stringify({ step, loss: 1 / (step + 1) }));
  if (tail) for (let i = 0; i < NAMES_PER_RUN * 2; i++) lines.push(JSON.stringify({ step: GOOD_LINES + i, [`extra/${i}`]: i }));
  return `${lines.join("\n")}\n`;
}

describe("an import refused mid-file", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> = null;
  let app: AppServer;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ env: { PREFSCOPE_MAX_METRIC_NAMES_PER_RUN: String(NAMES_PER_RUN), ...(database ? { DATABASE_URL: database.url } : {}) } });
    const created = await fetch(`${app.url}/api/v1/projects/imports/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    key = ((await created.json()) as { key: string }).key;
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const upload = async (name: string, text: string) => {
    const form = new FormData();
    form.set("project", "imports");
    form.append("file", new Blob([text], { type: "application/x-ndjson" }), name);
    const response = await fetch(`${app.url}/api/v1/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("answers 422 naming the file and leaves no run and no row behind", { timeout: 120_000 }, async () => {
    // The same lines without the tail import whole: the first chunk is a write the refused upload also makes.
    const kept = await upload("kept.jsonl", jsonl(false));
    expect(kept.status, JSON.stringify(kept.body)).toBe(201);
    expect(kept.body.runs.map((r: { rows: number }) => r.rows)).toEqual([GOOD_LINES]);

    const refused = await upload("refused.jsonl", jsonl(true));
    expect([refused.status, refused.body.error?.path]).toEqual([422, ["file"]]);
    const listed = await fetch(`${app.url}/api/v1/runs?project=imports&archived=include`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.json());
    expect(listed.runs.map((r: { name: string }) => r.name)).toEqual(["kept"]);

    await app.stop(); // the embedded database opens for one process at a time
    const db = await openDb(app, database?.url ?? null);
    try {
      const orphans: Record<string, number> = {};
      for (const table of RUN_TABLES) {
        orphans[table] = Number((await db.query(`select count(*)::int as n from ${table} t where not exists (select 1 from runs r where r.id = t.run_id)`))[0]!.n);
      }
      expect(orphans).toEqual(Object.fromEntries(RUN_TABLES.map((t) => [t, 0])));
      const runs = await db.query("select name from runs");
      expect(runs.map((r) => r.name)).toEqual(["kept"]);
      // The kept run holds its own rows only: what the refused upload wrote did not land under it either.
      expect(Number((await db.query("select count(*)::int as n from metrics"))[0]!.n)).toBe(GOOD_LINES);
    } finally {
      await db.close();
    }
  });
});
