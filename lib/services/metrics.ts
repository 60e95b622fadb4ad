import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "../db";
import { numberArrayLiteral, textArrayLiteral } from "../db/pg-arrays";
import type { MetricRow } from "../validation/metrics";
import { claimBatch } from "./ingest-batches";
import { flagsTouched } from "./run-diagnostics";
import { applyBatchStats, summariseBatch } from "./metric-stats";

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
    const inserted = await queryRows<{ key_id: number; added: number }>(
      txDb,
      sql`with ins as (
            insert into metrics (run_id, key_id, step, value, wall_time)
            select ${runId}, t.key_id, t.step, t.value, t.wall_time
            from unnest(${numberArrayLiteral(keyColumn)}::int[], ${numberArrayLiteral(steps)}::int8[],
                        ${numberArrayLiteral(values)}::float8[], ${numberArrayLiteral(times)}::float8[])
              as t(key_id, step, value, wall_time)
            on conflict (run_id, key_id, step) do update set value = excluded.value, wall_time = excluded.wall_time
            returning key_id, (xmax = 0) as inserted)
          select key_id, (count(*) filter (where inserted))::int as added from ins group by key_id`,
    );
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
