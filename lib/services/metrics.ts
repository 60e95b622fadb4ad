import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "../db";
import { numberArrayLiteral, textArrayLiteral } from "../db/pg-arrays";
import type { MetricRow } from "../validation/metrics";
import { claimBatch } from "./ingest-batches";
import { flagsTouched } from "./run-diagnostics";
import { applyBatchStats, summariseBatch } from "./metric-stats";
import { mergeRollups, refreshRollups } from "./metric-rollups";

export interface IngestResult {
  /** Rows of the batch now stored. */
  accepted: number;
  /** True when this batch id was applied before and this request changed nothing. */
  duplicate?: boolean;
}

/** Resolves metric names to this run's key ids, creating the missing ones. */
async function resolveKeyIds(db: Db, runId: string, names: string[]): Promise<Map<string, number>> {
  const literal = textArrayLiteral(names);
  await db.execute(sql`insert into metric_keys (run_id, name) select ${runId}, unnest(${literal}::text[])
                       on conflict (run_id, name) do nothing`);
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from metric_keys where run_id = ${runId} and name = any(${literal}::text[])`,
  );
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Flattens rows into columns, the last write winning when a batch names one (key, step) twice. */
function toColumns(rows: MetricRow[], now: number) {
  const positions = new Map<string, number>();
  const names: string[] = [];
  const steps: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  for (const row of rows) {
    const time = row.time ?? now;
    for (const name in row.values) {
      const id = `${row.step}\u0000${name}`;
      const at = positions.get(id);
      if (at === undefined) {
        positions.set(id, names.length);
        names.push(name);
        steps.push(row.step);
        values.push(row.values[name]!);
        times.push(time);
      } else {
        values[at] = row.values[name]!;
        times[at] = time;
      }
    }
  }
  return { names, steps, values, times };
}

/** Appends a batch of metric rows in one transaction: all of it or none of it. */
export async function appendMetrics({ runId, rows, batchId }: { runId: string; rows: MetricRow[]; batchId?: string }) {
  const db = await getDb();
  const { names, steps, values, times } = toColumns(rows, Date.now() / 1000);
  const result = await db.transaction(async (tx): Promise<IngestResult> => {
    const txDb = tx as unknown as Db;
    const previous = await claimBatch(txDb, runId, batchId, "metrics", rows.length);
    if (previous !== null) return { accepted: previous, duplicate: true };
    if (names.length === 0) return { accepted: rows.length };

    const keyIds = await resolveKeyIds(txDb, runId, [...new Set(names)]);
    const keyColumn = names.map((n) => keyIds.get(n)!);
    const columns = sql`unnest(${numberArrayLiteral(keyColumn)}::int[], ${numberArrayLiteral(steps)}::int8[],
                               ${numberArrayLiteral(values)}::float8[], ${numberArrayLiteral(times)}::float8[])
                        as t(key_id, step, value, wall_time)`;
    // New rows first (the common case: a run appending); rewrites of logged steps, if any, after. Counting
    // inserts this way also works on partitioned tables, where RETURNING cannot read xmax.
    const inserted = await queryRows<{ key_id: number; added: number }>(
      txDb,
      sql`with ins as (
            insert into metrics (run_id, key_id, step, value, wall_time)
            select ${runId}, t.key_id, t.step, t.value, t.wall_time from ${columns}
            on conflict (run_id, key_id, step) do nothing
            returning key_id)
          select key_id, count(*)::int as added from ins group by key_id`,
    );
    const added = inserted.reduce((sum, r) => sum + Number(r.added), 0);
    if (added < names.length) {
      await txDb.execute(sql`update metrics m set value = t.value, wall_time = t.wall_time from ${columns}
                             where m.run_id = ${runId} and m.key_id = t.key_id and m.step = t.step
                               and (m.value is distinct from t.value or m.wall_time is distinct from t.wall_time)`);
    }
    // Appends fold into the rollups directly; a batch that rewrote logged steps recomputes the buckets it touched.
    if (added === names.length) await mergeRollups(txDb, runId, keyColumn, steps, values, times);
    else await refreshRollups(txDb, runId, keyColumn, steps);
    await applyBatchStats(
      txDb,
      summariseBatch(keyColumn, steps, values),
      new Map(inserted.map((r) => [Number(r.key_id), Number(r.added)])),
    );
    await tx.execute(sql`update runs set updated_at = now() where id = ${runId}`);
    return { accepted: rows.length };
  });
  if (!result.duplicate && rows.length > 0) flagsTouched(runId);
  return result;
}
