import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "../db";
import { chooseRollupLevel, readRollup, type RollupBucket } from "./metric-rollups";

export interface SeriesPoint {
  step: number;
  value: number;
  time: number;
  /** Raw points behind this one: 1 when exact, the bucket's size when downsampled. */
  count: number;
  /** When downsampled: the bucket this point is the min or max of (both of a bucket's points share it). */
  bucket?: number;
}

export interface Series {
  key: string;
  /** Points logged in the requested range. */
  total: number;
  sampled: boolean;
  points: SeriesPoint[];
}

export interface MetricKeyInfo {
  id: number;
  name: string;
  count: number;
  first_step: number | null;
  last_step: number | null;
  last_value: number | null;
  min_value: number | null;
  max_value: number | null;
}

export async function listMetricKeys({ runId, db }: { runId: string; db?: Db }): Promise<MetricKeyInfo[]> {
  const conn = db ?? (await getDb());
  const rows = await queryRows<MetricKeyInfo>(
    conn,
    sql`select id, name, count::float8 as count, first_step::float8 as first_step, last_step::float8 as last_step,
               last_value, min_value, max_value
        from metric_keys where run_id = ${runId} order by name`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

interface RawPoint {
  step: number;
  value: number;
  wall_time: number;
  n: number;
  bucket?: number;
}

/** A bucket's min and max as points in step order (one point when they are the same row). */
function rollupPoints(rows: RollupBucket[]): RawPoint[] {
  return rows.flatMap((r) => {
    const min = { step: r.min_step, value: r.min_value, wall_time: r.min_time, n: r.n, bucket: r.bucket };
    const max = { step: r.max_step, value: r.max_value, wall_time: r.max_time, n: r.n, bucket: r.bucket };
    if (r.min_step === r.max_step) return [min];
    return r.min_step < r.max_step ? [min, max] : [max, min];
  });
}

type XAxis = "step" | "time";

/**
 * Every point when the range holds at most `maxPoints`; otherwise `maxPoints / 2` equal-width buckets on the x
 * axis, each giving its minimum and its maximum (in step order), so no spike disappears. Postgres orders NaN above
 * every number and ±Infinity at the ends, so non-finite values survive as a bucket's max or min.
 */
async function readSeries(db: Db, runId: string, key: MetricKeyInfo, maxPoints: number, x: XAxis, from?: number, to?: number) {
  const xcol = x === "step" ? sql.raw("step") : sql.raw("wall_time");
  const range = sql`${from === undefined ? sql`` : sql` and ${xcol} >= ${from}`}${to === undefined ? sql`` : sql` and ${xcol} <= ${to}`}`;
  const whole = from === undefined && to === undefined && x === "step";
  let total = key.count;
  let lo = key.first_step ?? 0;
  let hi = key.last_step ?? 0;
  if (!whole) {
    const [stats] = await queryRows<{ n: number; lo: number | null; hi: number | null }>(
      db,
      sql`select count(*)::float8 as n, min(${xcol})::float8 as lo, max(${xcol})::float8 as hi
          from metrics where run_id = ${runId} and key_id = ${key.id}${range}`,
    );
    total = stats?.n ?? 0;
    lo = stats?.lo ?? 0;
    hi = stats?.hi ?? 0;
  }
  if (total <= maxPoints) {
    const rows = await queryRows<RawPoint>(
      db,
      sql`select step::float8 as step, value, wall_time, 1 as n from metrics
          where run_id = ${runId} and key_id = ${key.id}${range} order by step`,
    );
    return { total, sampled: false, rows };
  }
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  // The whole series by step: read the rollup kept at ingest (a few hundred rows) instead of scanning the series.
  const level = whole ? chooseRollupLevel(lo, hi, buckets) : null;
  if (level !== null) {
    const rollup = await readRollup(db, runId, key.id, level);
    if (rollup.length > 0) return { total, sampled: true, rows: rollupPoints(rollup) };
  }
  const width = (hi - lo) / buckets || 1;
  const rows = await queryRows<RawPoint>(
    db,
    sql`with b as (
          select step, value, wall_time,
                 least(floor((${xcol} - ${lo}) / ${width}::float8)::int, ${buckets - 1}) as bucket
          from metrics where run_id = ${runId} and key_id = ${key.id}${range}
        ), ranked as (
          select step, value, wall_time,
                 row_number() over (partition by bucket order by value asc, step) as rmin,
                 row_number() over (partition by bucket order by value desc, step) as rmax,
                 count(*) over (partition by bucket) as n
          from b)
        select step::float8 as step, value, wall_time, n::float8 as n, bucket from ranked where rmin = 1 or rmax = 1 order by step`,
  );
  return { total, sampled: true, rows };
}

export async function readMetricSeries({
  runId,
  keys,
  maxPoints,
  x,
  from,
  to,
}: {
  runId: string;
  keys?: string[];
  maxPoints: number;
  x: XAxis;
  from?: number;
  to?: number;
}): Promise<Series[]> {
  const db = await getDb();
  const all = await listMetricKeys({ runId, db });
  const wanted = keys ? all.filter((k) => keys.includes(k.name)) : all;
  const series: Series[] = [];
  for (const key of wanted) {
    const { total, sampled, rows } = await readSeries(db, runId, key, maxPoints, x, from, to);
    series.push({
      key: key.name,
      total,
      sampled,
      points: rows.map((r) => ({ step: Number(r.step), value: r.value, time: r.wall_time, count: Number(r.n), ...(r.bucket === undefined ? {} : { bucket: Number(r.bucket) }) })),
    });
  }
  return series;
}

/** Names for a `keys=` filter that matched nothing, so a typo is reported, not silently empty. */
export function unknownKeys(requested: string[], series: Series[]): string[] {
  const found = new Set(series.map((s) => s.key));
  return requested.filter((k) => !found.has(k));
}

const PAGE = 50_000;

/** Every point of a series in step order, a page at a time (keyset on step), for exact exports of any length. */
export async function* iterateExactPoints({ runId, keyId, from, to }: { runId: string; keyId: number; from?: number; to?: number }) {
  const db = await getDb();
  let after = from === undefined ? -1 : from - 1;
  for (;;) {
    const rows = await queryRows<{ step: number; value: number; wall_time: number }>(
      db,
      sql`select step::float8 as step, value, wall_time from metrics
          where run_id = ${runId} and key_id = ${keyId} and step > ${after}${to === undefined ? sql`` : sql` and step <= ${to}`}
          order by step limit ${PAGE}`,
    );
    if (rows.length === 0) return;
    yield rows;
    after = Number(rows.at(-1)!.step);
    if (rows.length < PAGE) return;
  }
}
