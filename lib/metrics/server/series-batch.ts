import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { numberArrayLiteral } from "@/lib/core/db/pg-arrays";
import { chooseRollupLevel, type RollupBucket } from "./metric-rollups";

/** A stored point as the series readers return it: every point (n = 1) or a bucket's min or max. */
export interface RawPoint {
  step: number;
  value: number;
  wall_time: number;
  n: number;
  bucket?: number;
}

interface KeyExtent {
  id: number;
  count: number;
  first_step: number | null;
  last_step: number | null;
}

/** A bucket's min and max as points in step order (one point when they are the same row). */
export function rollupPoints(rows: RollupBucket[]): RawPoint[] {
  return rows.flatMap((r) => {
    const min = { step: r.min_step, value: r.min_value, wall_time: r.min_time, n: r.n, bucket: r.bucket };
    const max = { step: r.max_step, value: r.max_value, wall_time: r.max_time, n: r.n, bucket: r.bucket };
    if (r.min_step === r.max_step) return [min];
    return r.min_step < r.max_step ? [min, max] : [max, min];
  });
}

function groupBy<T extends { key_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const id = Number(row.key_id);
    const list = out.get(id);
    if (list) list.push(row);
    else out.set(id, [row]);
  }
  return out;
}

/**
 * Series by step for many keys in a few queries, not one or two per key (a page of 30 charts made 30 round trips
 * before its first chart could draw; a live batch of 30 keys, 60): every point of the keys whose range holds at most
 * `maxPoints`, and for longer whole series the ingest-time rollup at the level each needs. Keys absent from the
 * result (a long key read over a range, or whose rollup is missing) are left to the caller's per-key read.
 */
export async function readSeriesBatch(
  db: Db,
  runId: string,
  keys: KeyExtent[],
  maxPoints: number,
  range: { from?: number; to?: number },
): Promise<Map<number, { total: number; sampled: boolean; rows: RawPoint[] }>> {
  const out = new Map<number, { total: number; sampled: boolean; rows: RawPoint[] }>();
  if (keys.length === 0) return out;
  const whole = range.from === undefined && range.to === undefined;
  const within = sql`${range.from === undefined ? sql`` : sql` and step >= ${range.from}`}${range.to === undefined ? sql`` : sql` and step <= ${range.to}`}`;
  const ids = (list: { id: number }[]) => numberArrayLiteral(list.map((k) => k.id));
  const totals = new Map<number, number>(whole ? keys.map((k) => [k.id, k.count]) : []);
  if (!whole) {
    const counts = await queryRows<{ key_id: number; n: number }>(
      db,
      sql`select key_id, count(*)::float8 as n from metrics where run_id = ${runId} and key_id = any(${ids(keys)}::int[])${within} group by key_id`,
    );
    for (const k of keys) totals.set(k.id, 0);
    for (const c of counts) totals.set(Number(c.key_id), Number(c.n));
  }
  const short = keys.filter((k) => totals.get(k.id)! <= maxPoints);
  if (short.length > 0) {
    // A row per key with its points as arrays, not a row per point: the embedded database hands rows to
    // JavaScript one value at a time, and a page of 30 keys × 500 points took ~450 ms as rows, ~60 ms as arrays
    // (the server answers nothing else meanwhile). Arrays of float8 keep NaN and ±Infinity on both drivers.
    const rows = await queryRows<{ key_id: number; steps: number[]; vals: number[]; times: number[] }>(
      db,
      sql`select key_id, array_agg(step::float8 order by step) as steps, array_agg(value order by step) as vals,
                 array_agg(wall_time order by step) as times
          from metrics where run_id = ${runId} and key_id = any(${ids(short)}::int[])${within} group by key_id`,
    );
    const byKey = new Map(rows.map((r) => [Number(r.key_id), r]));
    for (const k of short) {
      const found = byKey.get(k.id);
      const points = found ? found.steps.map((step, i): RawPoint => ({ step, value: found.vals[i]!, wall_time: found.times[i]!, n: 1 })) : [];
      out.set(k.id, { total: totals.get(k.id)!, sampled: false, rows: points });
    }
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const long = !whole
    ? []
    : keys.flatMap((k) => {
        const level = k.count > maxPoints ? chooseRollupLevel(k.first_step ?? 0, k.last_step ?? 0, buckets) : null;
        return level === null ? [] : [{ id: k.id, level }];
      });
  if (long.length > 0) {
    const rows = await queryRows<RollupBucket & { key_id: number }>(
      db,
      sql`select r.key_id, r.bucket::float8 as bucket, r.n, r.min_value, r.min_step::float8 as min_step, r.min_time,
                 r.max_value, r.max_step::float8 as max_step, r.max_time
          from metric_rollups r
          join unnest(${ids(long)}::int[], ${numberArrayLiteral(long.map((k) => k.level))}::int[]) as want(key_id, level)
            on r.key_id = want.key_id and r.level = want.level
          where r.run_id = ${runId} order by r.key_id, r.bucket`,
    );
    const byKey = groupBy(rows);
    for (const k of long) {
      const found = byKey.get(k.id);
      if (!found?.length) continue;
      const rollup = found.map((r) => ({ ...r, bucket: Number(r.bucket), min_step: Number(r.min_step), max_step: Number(r.max_step) }));
      out.set(k.id, { total: totals.get(k.id)!, sampled: true, rows: rollupPoints(rollup) });
    }
  }
  return out;
}
