import "server-only";
import { getTableColumns, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { runs } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { recordChange } from "@/lib/live/server/record-change";
import type { Heartbeat, RunHealth } from "../contract";
import { runHealthCase } from "../health-sql";

/** A run's health as SQL (see runHealthCase): over drizzle's `runs`, or over an alias (`r`) in hand-written SQL. */
export function runHealthSql(table?: string): SQL<RunHealth | null> {
  if (!table) return runHealthCase(sql`${runs.status}`, sql`${runs.lastSeenAt}`);
  return runHealthCase(sql.raw(`${table}.status`), sql.raw(`${table}.last_seen_at`));
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
