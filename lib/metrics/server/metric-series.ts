import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";
import type { Series } from "../contract";
import { chooseRollupLevel, readRollup } from "./metric-rollups";
import { readSeriesBatch, rollupPoints, type RawPoint } from "./series-batch";

// The shapes the metrics contract describes (values decoded: NaN and ±Infinity are numbers here).
export type { Series, SeriesPoint } from "../contract";

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

/** Which of a run's series one read lists: names containing `match` (any case), `limit` of them from `offset`. */
export interface MetricKeyPage {
  limit: number;
  offset: number;
  match?: string;
}

type KeyRow = Omit<MetricKeyInfo, "name"> & { name: Uint8Array | string };

function keyQuery(runId: string, where: SQL, window: SQL = sql``): SQL {
  return sql`select id, ${asTextBytes(sql.raw("name"))} as name, count::float8 as count, first_step::float8 as first_step,
                    last_step::float8 as last_step, last_value, min_value, max_value
             from metric_keys where run_id = ${runId}${where} order by metric_keys.name${window}`;
}

const toKeyInfo = (r: KeyRow): MetricKeyInfo => ({ ...r, id: Number(r.id), name: fromTextBytes(r.name) });

/** A run's series (all of them, or those named), by name. */
export async function listMetricKeys({ db, runId, names }: { db: Db; runId: string; names?: string[] }): Promise<MetricKeyInfo[]> {
  const only = names ? sql` and name = any(${textArrayLiteral(names)}::text[])` : sql``;
  return (await queryRows<KeyRow>(db, keyQuery(runId, only))).map(toKeyInfo);
}

/** One page of a run's series by name, and how many there are in all that match. */
export async function listMetricKeyPage({ db, runId, page }: { db: Db; runId: string; page: MetricKeyPage }): Promise<{ keys: MetricKeyInfo[]; total: number }> {
  const match = page.match ? sql` and strpos(lower(name), lower(${page.match})) > 0` : sql``;
  const keys = (await queryRows<KeyRow>(db, keyQuery(runId, match, sql` limit ${page.limit} offset ${page.offset}`))).map(toKeyInfo);
  // A short first page is the whole list: no count needed.
  if (page.offset === 0 && keys.length < page.limit) return { keys, total: keys.length };
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from metric_keys where run_id = ${runId}${match}`);
  return { keys, total: Number(row?.n ?? 0) };
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
          select step, value, wall_time, bucket,
                 row_number() over (partition by bucket order by value asc, step) as rmin,
                 row_number() over (partition by bucket order by value desc, step) as rmax,
                 count(*) over (partition by bucket) as n
          from b)
        select step::float8 as step, value, wall_time, n::float8 as n, bucket from ranked where rmin = 1 or rmax = 1 order by step`,
  );
  return { total, sampled: true, rows };
}

async function readKeys(db: Db, runId: string, keys: MetricKeyInfo[], maxPoints: number, x: XAxis, from?: number, to?: number): Promise<Series[]> {
  const series: Series[] = [];
  const batch = x === "step" ? await readSeriesBatch(db, runId, keys, maxPoints, { from, to }) : new Map<number, { total: number; sampled: boolean; rows: RawPoint[] }>();
  for (const key of keys) {
    const { total, sampled, rows } = batch.get(key.id) ?? (await readSeries(db, runId, key, maxPoints, x, from, to));
    series.push({
      key: key.name,
      total,
      sampled,
      points: rows.map((r) => ({ step: Number(r.step), value: r.value, time: r.wall_time, count: Number(r.n), ...(r.bucket === undefined ? {} : { bucket: Number(r.bucket) }) })),
    });
  }
  return series;
}

interface SeriesRead {
  db: Db;
  runId: string;
  maxPoints: number;
  x: XAxis;
  from?: number;
  to?: number;
}

/** The named series (every series when `keys` is absent: for callers that cap the run's names themselves). */
export async function readMetricSeries({ db, runId, keys, maxPoints, x, from, to }: SeriesRead & { keys?: string[] }): Promise<Series[]> {
  return readKeys(db, runId, await listMetricKeys({ runId, db, names: keys }), maxPoints, x, from, to);
}

/** One page of a run's series by name: a run may hold thousands, and a page is what a reader can use at once. */
export async function readMetricSeriesPage({ db, runId, page, maxPoints, x, from, to }: SeriesRead & { page: MetricKeyPage }) {
  const { keys, total } = await listMetricKeyPage({ runId, db, page });
  const series = await readKeys(db, runId, keys, maxPoints, x, from, to);
  const next = page.offset + keys.length;
  return { series, total_keys: total, offset: page.offset, next_offset: next < total && keys.length > 0 ? next : null };
}

/** Names for a `keys=` filter that matched nothing, so a typo is reported, not silently empty. */
export function unknownKeys(requested: string[], series: Series[]): string[] {
  const found = new Set(series.map((s) => s.key));
  return requested.filter((k) => !found.has(k));
}

const PAGE = 50_000;

/** Every point of a series in step order, a page at a time (keyset on step), for exact exports of any length. */
export async function* iterateExactPoints({ db, runId, keyId, from, to }: { db: Db; runId: string; keyId: number; from?: number; to?: number }) {
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
