import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { numberArrayLiteral } from "@/lib/core/db/pg-arrays";

/** What one batch adds to a series' running summary (min and max over finite values only). */
export interface KeyBatchStats {
  keyId: number;
  firstStep: number;
  firstValue: number;
  lastStep: number;
  lastValue: number;
  minValue: number | null;
  maxValue: number | null;
}

export function summariseBatch(keyIds: Int32Array | number[], steps: number[], values: number[]): KeyBatchStats[] {
  const byKey = new Map<number, KeyBatchStats>();
  for (let i = 0; i < steps.length; i++) {
    const keyId = keyIds[i]!;
    const step = steps[i]!;
    const value = values[i]!;
    const finite = Number.isFinite(value);
    const s = byKey.get(keyId);
    if (!s) {
      byKey.set(keyId, {
        keyId,
        firstStep: step,
        firstValue: value,
        lastStep: step,
        lastValue: value,
        minValue: finite ? value : null,
        maxValue: finite ? value : null,
      });
      continue;
    }
    if (step < s.firstStep) [s.firstStep, s.firstValue] = [step, value];
    if (step >= s.lastStep) [s.lastStep, s.lastValue] = [step, value];
    if (finite) {
      if (s.minValue === null || value < s.minValue) s.minValue = value;
      if (s.maxValue === null || value > s.maxValue) s.maxValue = value;
    }
  }
  return [...byKey.values()];
}

/**
 * Folds a batch into metric_keys. `added` counts rows that were new (not overwrites). Min and max only ever widen
 * here, which is right for new rows alone: a batch that rewrote logged steps recomputes those keys afterwards.
 */
export async function applyBatchStats(db: Db, stats: KeyBatchStats[], added: Map<number, number>, touchRunId?: string): Promise<{ revived: boolean }> {
  if (stats.length === 0) return { revived: false };
  const col = <K extends keyof KeyBatchStats>(k: K) => numberArrayLiteral(stats.map((s) => s[k] as number | null));
  // With `touchRunId`, the run's updated_at and last sign of life are stamped in the same statement (one round trip
  // less per batch); `revived` says whether its silence had been announced (read before the update: one snapshot).
  const touch =
    touchRunId === undefined
      ? sql`with`
      : sql`with before as (select silence_notified_at is not null as revived from runs where id = ${touchRunId}),
             touched as (${touchRunSql(touchRunId)}),`;
  const [row] = await queryRows<{ revived: boolean | null }>(
    db,
    sql`${touch} stats as (
    update metric_keys mk set
      count = mk.count + s.added,
      first_step = case when mk.first_step is null or s.first_step <= mk.first_step then s.first_step else mk.first_step end,
      first_value = case when mk.first_step is null or s.first_step <= mk.first_step then s.first_value else mk.first_value end,
      last_step = case when mk.last_step is null or s.last_step >= mk.last_step then s.last_step else mk.last_step end,
      last_value = case when mk.last_step is null or s.last_step >= mk.last_step then s.last_value else mk.last_value end,
      min_value = least(mk.min_value, s.min_value),
      max_value = greatest(mk.max_value, s.max_value)
    from unnest(${col("keyId")}::int[], ${numberArrayLiteral(stats.map((s) => added.get(s.keyId) ?? 0))}::int8[],
                ${col("firstStep")}::int8[], ${col("firstValue")}::float8[], ${col("lastStep")}::int8[],
                ${col("lastValue")}::float8[], ${col("minValue")}::float8[], ${col("maxValue")}::float8[])
      as s(key_id, added, first_step, first_value, last_step, last_value, min_value, max_value)
    where mk.id = s.key_id)
    select ${touchRunId === undefined ? sql`false` : sql`(select revived from before)`} as revived`,
  );
  return { revived: row?.revived === true };
}

/**
 * Stamps a write to a run: `updated_at`, its write count (see runs.write_seq), and its last sign of life (a batch says the runner is alive), clearing
 * the announcement of its silence so that a later silence is announced again.
 */
export function touchRunSql(runId: string) {
  return sql`update runs set updated_at = now(), last_seen_at = now(), silence_notified_at = null, write_seq = write_seq + 1 where id = ${runId}`;
}

/**
 * Recomputes series summaries from their stored rows: every key of the run (after `resume_from_step` deletes
 * some), or only `keyIds` (after a batch rewrote logged steps: an overwritten extreme must not stay the min or max).
 * First and last are read off the primary key (one row each), so a long series costs one pass for count/min/max.
 */
export async function recomputeMetricKeyStats({ db, runId, keyIds }: { db: Db; runId: string; keyIds?: number[] }): Promise<void> {
  if (keyIds?.length === 0) return;
  const only = keyIds === undefined ? sql`` : sql` and k.id = any(${numberArrayLiteral(keyIds)}::int[])`;
  await db.execute(sql`
    update metric_keys mk set
      count = s.n, first_step = s.first_step, last_step = s.last_step, min_value = s.min_value, max_value = s.max_value,
      first_value = (select m.value from metrics m where m.run_id = mk.run_id and m.key_id = mk.id order by m.step limit 1),
      last_value = (select m.value from metrics m where m.run_id = mk.run_id and m.key_id = mk.id order by m.step desc limit 1)
    from (
      select k.id, a.n, a.first_step, a.last_step, a.min_value, a.max_value
      from metric_keys k cross join lateral (
        select count(*) as n, min(step) as first_step, max(step) as last_step,
               min(value) filter (where value not in ('NaN', 'Infinity', '-Infinity')) as min_value,
               max(value) filter (where value not in ('NaN', 'Infinity', '-Infinity')) as max_value
        from metrics m where m.run_id = k.run_id and m.key_id = k.id
      ) a
      where k.run_id = ${runId}${only}
    ) s
    where mk.id = s.id`);
}
