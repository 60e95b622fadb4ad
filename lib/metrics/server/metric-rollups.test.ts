import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/core/db";
import { testDatabasePerFile } from "@/lib/core/db/test-database-per-file";
import { createTestRun } from "@/lib/runs/server/test-runs";
import { updateRun } from "@/lib/runs/server/runs";
import type { MetricRow } from "../contract";
import { appendMetrics } from "./ingest";
import { rebuildRollups, ROLLUP_LEVELS, rollupWidth } from "./metric-rollups";

const database = testDatabasePerFile();

interface Row {
  key: string;
  step: number;
  value: number;
  time: number;
}

/** Postgres' float8 order, written out independently of the code under test: −∞ < numbers < +∞ < NaN. */
function before(a: Row, b: Row, descending: boolean): boolean {
  const [nanA, nanB] = [Number.isNaN(a.value), Number.isNaN(b.value)];
  if (nanA !== nanB) return descending ? nanA : nanB;
  if (!nanA && a.value !== b.value) return descending ? a.value > b.value : a.value < b.value;
  return a.step < b.step;
}

/** Every level's buckets recomputed from the rows: n, and the min and max rows (ties to the earliest step). */
function bruteForceRollups(rows: Row[]) {
  const out: string[] = [];
  for (const level of ROLLUP_LEVELS) {
    const width = rollupWidth(level);
    const buckets = new Map<string, Row[]>();
    for (const row of rows) {
      const id = `${row.key}|${Math.floor(row.step / width)}`;
      const members = buckets.get(id);
      if (members) members.push(row);
      else buckets.set(id, [row]);
    }
    for (const [id, members] of buckets) {
      const min = members.reduce((m, r) => (before(r, m, false) ? r : m));
      const max = members.reduce((m, r) => (before(r, m, true) ? r : m));
      out.push(`${id.split("|")[0]} ${level} ${id.split("|")[1]} n=${members.length} min=${min.value}@${min.step}/${min.time} max=${max.value}@${max.step}/${max.time}`);
    }
  }
  return out.sort();
}

async function storedRollups(runId: string) {
  const rows = await queryRows<{
    key: string;
    level: number;
    bucket: number;
    n: number;
    min_value: number;
    min_step: number;
    min_time: number;
    max_value: number;
    max_step: number;
    max_time: number;
  }>(
    database.db,
    sql`select k.name as key, r.level, r.bucket::float8 as bucket, r.n, r.min_value, r.min_step::float8 as min_step, r.min_time,
               r.max_value, r.max_step::float8 as max_step, r.max_time
        from metric_rollups r join metric_keys k on k.id = r.key_id where r.run_id = ${runId}`,
  );
  return rows
    .map((r) => `${r.key} ${r.level} ${Number(r.bucket)} n=${r.n} min=${r.min_value}@${Number(r.min_step)}/${r.min_time} max=${r.max_value}@${Number(r.max_step)}/${r.max_time}`)
    .sort();
}

/** Values with repeats (ties), NaN, ±Infinity and spikes, from a deterministic sequence. */
function valueAt(step: number, salt: number): number {
  const h = (step * 2654435761 + salt * 40503) % 1009;
  if (h === 7) return Number.NaN;
  if (h === 11) return Number.POSITIVE_INFINITY;
  if (h === 13) return Number.NEGATIVE_INFINITY;
  if (h % 97 === 0) return 1e6;
  return (h % 37) - 18;
}

async function ingest(runId: string, rows: Row[], batchSize: number) {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch: MetricRow[] = rows.slice(i, i + batchSize).map((r) => ({ step: r.step, values: { [r.key]: r.value }, time: r.time }));
    await appendMetrics({ db: database.db, runId, rows: batch });
  }
}

// Generous: on a machine shared with builds a test here has taken up to ~10 s.
describe("metric rollups", { timeout: 60_000 }, () => {
  it("equal a recomputation from the rows when appends cross bucket boundaries at every level", async () => {
    const { runId } = await createTestRun(database.db);
    // Steps up to 70,000 cross a level-6 boundary (65,536); every 37th step keeps it quick; a second key on some of
    // them; batches of 97 rows straddle buckets of every width.
    const rows: Row[] = [];
    for (let step = 0; step < 70_000; step += 37) {
      rows.push({ key: "loss", step, value: valueAt(step, 1), time: 1000 + step });
      if (step % 7 === 0) rows.push({ key: "acc", step, value: valueAt(step, 2), time: 1000 + step });
    }
    await ingest(runId, rows, 97);
    expect(await storedRollups(runId)).toEqual(bruteForceRollups(rows));
  });

  it("equal a recomputation after batches that rewrite logged steps, and after a resume", async () => {
    const { runId, projectId } = await createTestRun(database.db);
    const latest = new Map<string, Row>();
    const put = (rows: Row[]) => rows.forEach((r) => latest.set(`${r.key}|${r.step}`, r));
    const first: Row[] = Array.from({ length: 3000 }, (_, step) => ({ key: "loss", step, value: valueAt(step, 3), time: step }));
    await ingest(runId, first, 1000);
    put(first);
    // Rewrites scattered over earlier buckets: some raise a bucket's max, some remove its old min, one is a NaN.
    const rewrites: Row[] = [5, 63, 64, 700, 1023, 1024, 2047, 2999].map((step, i) => ({
      key: "loss",
      step,
      value: i % 3 === 0 ? 1e9 : i === 4 ? Number.NaN : -1e9 + i,
      time: 5000 + i,
    }));
    await ingest(runId, [...rewrites, { key: "loss", step: 3100, value: 1, time: 6000 }], 100);
    put([...rewrites, { key: "loss", step: 3100, value: 1, time: 6000 }]);
    expect(await storedRollups(runId)).toEqual(bruteForceRollups([...latest.values()]));

    await updateRun({ db: database.db, id: runId, projectId, input: { resume_from_step: 1500 } });
    const kept = [...latest.values()].filter((r) => r.step <= 1500);
    expect(await storedRollups(runId)).toEqual(bruteForceRollups(kept));
  });

  it("rebuilds to the same buckets that ingest kept", async () => {
    const { runId } = await createTestRun(database.db);
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({ key: i % 2 ? "a" : "b", step: Math.floor(i / 2) * 3, value: valueAt(i, 4), time: i }));
    await ingest(runId, rows, 333);
    const kept = await storedRollups(runId);
    await rebuildRollups(database.db, runId);
    expect(await storedRollups(runId)).toEqual(kept);
    expect(kept).toEqual(bruteForceRollups(rows));
  });

  it("orders NaN above every number and ±Infinity at the ends", () => {
    // The brute force's own order, checked once so the comparisons above test what they claim.
    const row = (value: number, step = 0): Row => ({ key: "k", step, value, time: 0 });
    expect(before(row(Number.NEGATIVE_INFINITY), row(-1e308), false)).toBe(true);
    expect(before(row(Number.POSITIVE_INFINITY), row(Number.NaN), false)).toBe(true);
    expect(before(row(Number.NaN), row(Number.POSITIVE_INFINITY), true)).toBe(true);
    expect(before(row(1, 2), row(1, 3), true)).toBe(true);
  });
});
