import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { numberArrayLiteral, textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { BinaryCopyWriter, copyBinary, uuidBytes } from "@/lib/core/db/binary-copy";
import type { IngestResult, MetricRow } from "../contract";
import { maxMetricNamesPerRun, RunMetricNamesError } from "../metric-limits";
import { claimBatch } from "./ingest-batches";
import { applyBatchStats, recomputeMetricKeyStats, summariseBatch } from "./metric-stats";
import { mergeRollups, refreshRollups } from "./metric-rollups";
import { recordChange, stepSpan } from "@/lib/live/server/record-change";

export type { IngestResult } from "../contract";

/**
 * Resolves metric names to this run's key ids, creating the missing ones, and locks those keys until the batch
 * commits: their `last_step` then stays the last step logged, which tells whether the batch only appends.
 * Names are inserted and locked in one order, so concurrent batches of a run wait for each other instead of
 * deadlocking.
 */
async function lockKeys(db: Db, runId: string, names: string[]): Promise<Map<string, { id: number; lastStep: number | null }>> {
  const sorted = names.sort();
  const literal = textArrayLiteral(sorted);
  // Rows are matched to names by their position in the array, never by the name read back: PGlite drops a leading
  // U+FEFF from text it returns, so that name would not be found again.
  const lock = () =>
    queryRows<{ id: number; ord: number; last_step: number | null }>(
      db,
      sql`select m.id, n.ord::int as ord, m.last_step::float8 as last_step
          from unnest(${literal}::text[]) with ordinality as n(name, ord)
          join metric_keys m on m.run_id = ${runId} and m.name = n.name
          order by m.id for update of m`,
    );
  // A run's names are mostly known after its first batch: one statement then, three when some are new.
  let rows = await lock();
  if (rows.length < sorted.length) {
    await checkRunKeyCap(db, runId, literal);
    await db.execute(sql`insert into metric_keys (run_id, name) select ${runId}, unnest(${literal}::text[])
                         on conflict (run_id, name) do nothing`);
    rows = await lock();
  }
  return new Map(rows.map((r) => [sorted[Number(r.ord) - 1]!, { id: r.id, lastStep: r.last_step === null ? null : Number(r.last_step) }]));
}

/**
 * Refuses a batch that would take the run past its cap of distinct names. Batches adding names to one run take
 * turns on the run's row (a lock that plain appends, which add no name, never ask for), so two cannot both fit
 * under the cap by counting before each other's names exist.
 */
async function checkRunKeyCap(db: Db, runId: string, names: string): Promise<void> {
  await db.execute(sql`select 1 from runs where id = ${runId} for no key update`);
  const [count] = await queryRows<{ have: number; adding: number }>(
    db,
    sql`select (select count(*) from metric_keys where run_id = ${runId})::int as have,
               (select count(*) from unnest(${names}::text[]) as n(name)
                 where not exists (select 1 from metric_keys k where k.run_id = ${runId} and k.name = n.name))::int as adding`,
  );
  const limit = maxMetricNamesPerRun();
  const have = Number(count?.have ?? 0);
  const adding = Number(count?.adding ?? 0);
  if (have + adding > limit) throw new RunMetricNamesError(limit, have, adding);
}

/** Flattens rows into columns, the last write winning when a batch names one (key, step) twice. */
function toColumns(rows: MetricRow[], now: number) {
  const names: string[] = [];
  const steps: number[] = [];
  const values: number[] = [];
  const times: number[] = [];
  // Rows in increasing step order (how trainers log) cannot repeat a (key, step): no need to look for repeats.
  let increasing = true;
  for (let i = 1; i < rows.length && increasing; i++) increasing = rows[i]!.step > rows[i - 1]!.step;
  const positions = increasing ? null : new Map<string, number>();
  for (const row of rows) {
    const time = row.time ?? now;
    for (const name in row.values) {
      const id = positions && `${row.step}\u0000${name}`;
      const at = id === null ? undefined : positions!.get(id);
      if (at === undefined) {
        if (id !== null) positions!.set(id, names.length);
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

/** Key ids of the flattened rows, and the keys of rows at or before their key's last logged step (rewrites). */
function keyColumn(names: string[], steps: number[], keys: Map<string, { id: number; lastStep: number | null }>) {
  const ids = new Array<number>(names.length);
  const counts = new Map<number, number>();
  const rewritten = new Set<number>();
  for (let i = 0; i < names.length; i++) {
    const key = keys.get(names[i]!)!;
    ids[i] = key.id;
    counts.set(key.id, (counts.get(key.id) ?? 0) + 1);
    if (key.lastStep !== null && steps[i]! <= key.lastStep) rewritten.add(key.id);
  }
  return { ids, counts, appendOnly: rewritten.size === 0, rewritten };
}

/**
 * The batch as a FROM item `t(key_id, step, value, wall_time)`. Postgres spends about a third of an insert's time
 * parsing the array literals, so a batch whose rows share one time (none given: the server's clock) sends it once.
 */
function batchColumns(keyIds: number[], steps: number[], values: number[], times: number[]): SQL {
  const arrays = sql`${numberArrayLiteral(keyIds)}::int[], ${numberArrayLiteral(steps)}::int8[], ${numberArrayLiteral(values)}::float8[]`;
  const time = times[0]!;
  if (times.every((t) => t === time)) return sql`(select u.*, ${time}::float8 as wall_time from unnest(${arrays}) as u(key_id, step, value)) as t`;
  return sql`unnest(${arrays}, ${numberArrayLiteral(times)}::float8[]) as t(key_id, step, value, wall_time)`;
}

// A metrics row in binary COPY: a field count, then uuid, int4, int8, float8, float8 each with its length.
const METRIC_ROW_BYTES = 2 + 20 + 8 + 12 + 12 + 12;

/** Appends rows no step of which was logged before: one binary COPY into `metrics` (see binary-copy.ts). */
async function copyMetrics(db: Db, runId: string, keyIds: number[], steps: number[], values: number[], times: number[]): Promise<void> {
  const writer = new BinaryCopyWriter(keyIds.length, METRIC_ROW_BYTES);
  const run = uuidBytes(runId);
  for (let i = 0; i < keyIds.length; i++) {
    writer.row(5);
    writer.uuid(run);
    writer.int4(keyIds[i]!);
    writer.int8(steps[i]!);
    writer.float8(values[i]!);
    writer.float8(times[i]!);
  }
  await copyBinary(db, "metrics (run_id, key_id, step, value, wall_time)", writer.end());
}

/**
 * Writes a batch that reaches back to logged steps: new rows inserted, logged ones updated in a second statement
 * (counting inserts this way also works on partitioned tables, where RETURNING cannot read xmax). Returns the
 * rows added per key.
 */
async function insertOrUpdate(db: Db, runId: string, columns: SQL, rows: number): Promise<Map<number, number>> {
  const inserted = await queryRows<{ key_id: number; added: number }>(
    db,
    sql`with ins as (
          insert into metrics (run_id, key_id, step, value, wall_time)
          select ${runId}, t.key_id, t.step, t.value, t.wall_time from ${columns}
          on conflict (run_id, key_id, step) do nothing
          returning key_id)
        select key_id, count(*)::int as added from ins group by key_id`,
  );
  const added = new Map(inserted.map((r) => [Number(r.key_id), Number(r.added)]));
  if (inserted.reduce((sum, r) => sum + Number(r.added), 0) < rows) {
    await db.execute(sql`update metrics m set value = t.value, wall_time = t.wall_time from ${columns}
                         where m.run_id = ${runId} and m.key_id = t.key_id and m.step = t.step
                           and (m.value is distinct from t.value or m.wall_time is distinct from t.wall_time)`);
  }
  return added;
}

/**
 * Appends a batch of metric rows in one transaction: all of it or none of it. Recomputing the run's flags is the
 * caller's to ask for (`flagsTouchedByBatch`): the diagnostics read metrics, so metrics do not call them.
 */
export async function appendMetrics({ db, runId, rows, batchId }: { db: Db; runId: string; rows: MetricRow[]; batchId?: string }): Promise<IngestResult> {
  const { names, steps, values, times } = toColumns(rows, Date.now() / 1000);
  return db.transaction(async (tx): Promise<IngestResult> => {
    const txDb = tx as unknown as Db;
    const previous = await claimBatch(txDb, runId, batchId, "metrics", rows.length);
    if (previous !== null) return { accepted: previous, duplicate: true };
    if (names.length === 0) return { accepted: rows.length };

    const keys = keyColumn(names, steps, await lockKeys(txDb, runId, [...new Set(names)]));
    // The common case, a run logging past its last step, is a plain COPY: ON CONFLICT costs ~40% more per row.
    let added = keys.counts;
    if (keys.appendOnly) {
      await copyMetrics(txDb, runId, keys.ids, steps, values, times);
      await mergeRollups(txDb, runId, keys.ids, steps, values, times);
    } else {
      // A batch that rewrote logged steps recomputes the rollup buckets it touched.
      added = await insertOrUpdate(txDb, runId, batchColumns(keys.ids, steps, values, times), names.length);
      await refreshRollups(txDb, runId, keys.ids, steps);
    }
    const { revived } = await applyBatchStats(txDb, summariseBatch(keys.ids, steps, values), added, runId);
    // A run whose silence was announced logs again: live viewers are told it is back (rare: one statement more).
    if (revived) await recordChange(txDb, { runId, kind: "run" });
    // A rewritten step may have held the key's min or max: those keys' summaries come from their rows again.
    if (!keys.appendOnly) await recomputeMetricKeyStats({ db: txDb, runId, keyIds: [...keys.rewritten] });
    // Last, so that the change's id is taken just before the commit that makes it visible (see readChangesSince).
    await recordChange(txDb, { runId, kind: "metrics", keys: [...new Set(names)], ...stepSpan(steps) });
    return { accepted: rows.length };
  });
}
