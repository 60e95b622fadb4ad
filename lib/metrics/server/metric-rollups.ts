import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { numberArrayLiteral } from "@/lib/core/db/pg-arrays";
import { aggregateBuckets, type BucketAggregate } from "./rollup-aggregate";

/** Six levels of buckets, 64 · 4^(level−1) steps wide: 64, 256, 1,024, 4,096, 16,384 and 65,536 steps. */
export const ROLLUP_LEVELS = [1, 2, 3, 4, 5, 6] as const;
export const rollupWidth = (level: number) => 64 * 4 ** (level - 1);

const COLUMNS = sql.raw("run_id, key_id, level, bucket, n, min_value, min_step, min_time, max_value, max_step, max_time");
const UPSERT = sql.raw(`on conflict (run_id, key_id, level, bucket) do update set n = excluded.n,
  min_value = excluded.min_value, min_step = excluded.min_step, min_time = excluded.min_time,
  max_value = excluded.max_value, max_step = excluded.max_step, max_time = excluded.max_time`);

// Postgres orders NaN above every number and ±Infinity at the ends, as the un-rolled-up downsample does, so a
// NaN survives as its bucket's max and -Infinity as its min. Ties go to the earliest step.
const FROM_ROWS = sql.raw(`count(*)::int,
  (array_agg(m.value order by m.value, m.step))[1], (array_agg(m.step order by m.value, m.step))[1],
  (array_agg(m.wall_time order by m.value, m.step))[1],
  (array_agg(m.value order by m.value desc, m.step))[1], (array_agg(m.step order by m.value desc, m.step))[1],
  (array_agg(m.wall_time order by m.value desc, m.step))[1]`);
const FROM_CHILDREN = sql.raw(`sum(c.n)::int,
  (array_agg(c.min_value order by c.min_value, c.min_step))[1], (array_agg(c.min_step order by c.min_value, c.min_step))[1],
  (array_agg(c.min_time order by c.min_value, c.min_step))[1],
  (array_agg(c.max_value order by c.max_value desc, c.max_step))[1], (array_agg(c.max_step order by c.max_value desc, c.max_step))[1],
  (array_agg(c.max_time order by c.max_value desc, c.max_step))[1]`);

function unique(keyIds: number[], buckets: number[]) {
  const seen = new Set<string>();
  const keys: number[] = [];
  const out: number[] = [];
  for (let i = 0; i < keyIds.length; i++) {
    const id = `${keyIds[i]}:${buckets[i]}`;
    if (seen.has(id)) continue;
    seen.add(id);
    keys.push(keyIds[i]!);
    out.push(buckets[i]!);
  }
  return { keys, buckets: out };
}

const pick = (side: "min" | "max", better: "<" | ">") =>
  sql.raw(`case when excluded.${side}_value ${better} metric_rollups.${side}_value
                 or (excluded.${side}_value = metric_rollups.${side}_value and excluded.${side}_step < metric_rollups.${side}_step)`);

/**
 * Folds an append-only batch (no step logged before) into every level at once: its buckets' counts add up, and
 * min and max are merged in Postgres' own float8 order, so the result equals a recomputation from the rows.
 */
export async function mergeRollups(db: Db, runId: string, keyIds: number[], steps: number[], values: number[], times: number[]) {
  const buckets = aggregateBuckets(keyIds, steps, values, times, ROLLUP_LEVELS, rollupWidth);
  const col = <K extends keyof BucketAggregate>(k: K) => numberArrayLiteral(buckets.map((b) => b[k]));
  const [minWins, maxWins] = [pick("min", "<"), pick("max", ">")];
  await db.execute(sql`insert into metric_rollups (${COLUMNS})
    select ${runId}::uuid, t.* from unnest(${col("keyId")}::int[], ${col("level")}::int2[], ${col("bucket")}::int8[], ${col("n")}::int[],
      ${col("minValue")}::float8[], ${col("minStep")}::int8[], ${col("minTime")}::float8[],
      ${col("maxValue")}::float8[], ${col("maxStep")}::int8[], ${col("maxTime")}::float8[]) as t
    on conflict (run_id, key_id, level, bucket) do update set n = metric_rollups.n + excluded.n,
      min_value = ${minWins} then excluded.min_value else metric_rollups.min_value end,
      min_step = ${minWins} then excluded.min_step else metric_rollups.min_step end,
      min_time = ${minWins} then excluded.min_time else metric_rollups.min_time end,
      max_value = ${maxWins} then excluded.max_value else metric_rollups.max_value end,
      max_step = ${maxWins} then excluded.max_step else metric_rollups.max_step end,
      max_time = ${maxWins} then excluded.max_time else metric_rollups.max_time end`);
}

/** Recomputes the buckets a batch touched: level 1 from its rows, each level above from the four below. */
export async function refreshRollups(db: Db, runId: string, keyIds: number[], steps: number[]): Promise<void> {
  let touched = unique(
    keyIds,
    steps.map((s) => Math.floor(s / 64)),
  );
  for (const level of ROLLUP_LEVELS) {
    if (level > 1)
      touched = unique(
        touched.keys,
        touched.buckets.map((b) => Math.floor(b / 4)),
      );
    const targets = sql`unnest(${numberArrayLiteral(touched.keys)}::int[], ${numberArrayLiteral(touched.buckets)}::int8[]) as t(key_id, bucket)`;
    const source: SQL =
      level === 1
        ? sql`select ${runId}::uuid, t.key_id, 1, t.bucket, ${FROM_ROWS} from ${targets}
              join metrics m on m.run_id = ${runId} and m.key_id = t.key_id and m.step >= t.bucket * 64 and m.step < (t.bucket + 1) * 64
              group by t.key_id, t.bucket`
        : sql`select ${runId}::uuid, t.key_id, ${level}, t.bucket, ${FROM_CHILDREN} from ${targets}
              join metric_rollups c on c.run_id = ${runId} and c.key_id = t.key_id and c.level = ${level - 1}
                and c.bucket >= t.bucket * 4 and c.bucket < t.bucket * 4 + 4
              group by t.key_id, t.bucket`;
    await db.execute(sql`insert into metric_rollups (${COLUMNS}) ${source} ${UPSERT}`);
  }
}

/** Rebuilds every rollup of a run from its rows (after `resume_from_step` deleted some). */
export async function rebuildRollups(db: Db, runId: string): Promise<void> {
  await db.execute(sql`delete from metric_rollups where run_id = ${runId}`);
  await db.execute(sql`insert into metric_rollups (${COLUMNS})
    select ${runId}::uuid, m.key_id, 1, floor(m.step / 64)::int8, ${FROM_ROWS} from metrics m where m.run_id = ${runId}
    group by m.key_id, floor(m.step / 64)`);
  for (const level of ROLLUP_LEVELS.slice(1)) {
    await db.execute(sql`insert into metric_rollups (${COLUMNS})
      select ${runId}::uuid, c.key_id, ${level}, floor(c.bucket / 4)::int8, ${FROM_CHILDREN} from metric_rollups c
      where c.run_id = ${runId} and c.level = ${level - 1} group by c.key_id, floor(c.bucket / 4)`);
  }
}

export interface RollupBucket {
  bucket: number;
  n: number;
  min_value: number;
  min_step: number;
  min_time: number;
  max_value: number;
  max_step: number;
  max_time: number;
}

/** The coarsest-enough level for a whole series: at most `buckets` buckets over its step span, or null. */
export function chooseRollupLevel(firstStep: number, lastStep: number, buckets: number): number | null {
  for (const level of ROLLUP_LEVELS) {
    const width = rollupWidth(level);
    if (Math.floor(lastStep / width) - Math.floor(firstStep / width) + 1 <= buckets) return level;
  }
  return null;
}

export async function readRollup(db: Db, runId: string, keyId: number, level: number): Promise<RollupBucket[]> {
  const rows = await queryRows<RollupBucket>(
    db,
    sql`select bucket::float8 as bucket, n, min_value, min_step::float8 as min_step, min_time, max_value, max_step::float8 as max_step, max_time
        from metric_rollups where run_id = ${runId} and key_id = ${keyId} and level = ${level} order by bucket`,
  );
  return rows.map((r) => ({ ...r, bucket: Number(r.bucket), min_step: Number(r.min_step), max_step: Number(r.max_step) }));
}
