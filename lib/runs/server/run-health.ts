import "server-only";
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { setting } from "@/lib/core/config";
import { queryRows, type Db } from "@/lib/core/db";
import { runs } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { recordChange } from "@/lib/live/server/record-change";
import type { Heartbeat, RunHealth } from "../contract";

/** The silence after which a `running` run shows as stale, then crashed (settings, in seconds). */
export function healthThresholds(): { staleAfterS: number; crashedAfterS: number } {
  return { staleAfterS: setting("PREFSCOPE_RUN_STALE_AFTER_S"), crashedAfterS: setting("PREFSCOPE_RUN_CRASHED_AFTER_S") };
}

/**
 * A run's health as SQL, from its status and last sign of life against the database's clock (the one every
 * instance shares): `live`, `stale` or `crashed` while `running`, null otherwise. Computed when read, so nothing
 * has to write a run for it to turn stale. `table` is an alias (`r`) in hand-written SQL; drizzle's `runs` else.
 */
export function runHealthSql(table?: string): SQL<RunHealth | null> {
  const { staleAfterS, crashedAfterS } = healthThresholds();
  const column = (name: string, field: typeof runs.status | typeof runs.lastSeenAt) => (table ? sql.raw(`${table}.${name}`) : sql`${field}`);
  const status = column("status", runs.status);
  const lastSeen = column("last_seen_at", runs.lastSeenAt);
  return sql<RunHealth | null>`(case when ${status} <> 'running' then null
    when ${lastSeen} < now() - ${crashedAfterS}::float8 * interval '1 second' then 'crashed'
    when ${lastSeen} < now() - ${staleAfterS}::float8 * interval '1 second' then 'stale'
    else 'live' end)`;
}

/** The run's columns and its health: what `toRun` takes, for selects and RETURNING alike. */
export function runColumnsWithHealth() {
  return { ...getTableColumns(runs), health: runHealthSql() };
}

/**
 * Stamps a sign of life (the runner is still there) and answers the run's status and health. A run whose silence
 * was announced comes back: its announcement is cleared (a later silence is announced again) and live viewers are
 * told, in the same transaction.
 */
export async function recordHeartbeat({ db, runId }: { db: Db; runId: string }): Promise<Heartbeat> {
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    // The CTE reads the row as it was before the update (one snapshot): was the silence announced, or visible?
    const [row] = await queryRows<{ status: string; last_seen_at: Date | string; revived: boolean }>(
      txDb,
      sql`with before as (select id, silence_notified_at is not null or ${runHealthSql()} in ('stale', 'crashed') as revived from runs where id = ${runId})
          update runs set last_seen_at = now(), silence_notified_at = null from before where runs.id = before.id
          returning runs.status, runs.last_seen_at, before.revived`,
    );
    if (!row) throw new AppError("not_found", `Run ${runId} does not exist`);
    if (row.revived) await recordChange(txDb, { runId, kind: "run" });
    return { ok: true, status: row.status as Heartbeat["status"], health: row.status === "running" ? "live" : null, last_seen_at: new Date(row.last_seen_at).toISOString() };
  });
}
