import { sql, type SQL } from "drizzle-orm";
import { setting } from "../core/config";
import type { RunHealth } from "./contract";

/**
 * A run's health from its status and last sign of life, against the database's clock (the one every instance
 * shares): `live`, `stale` (PREFSCOPE_RUN_STALE_AFTER_S of silence) or `crashed` (PREFSCOPE_RUN_CRASHED_AFTER_S)
 * while `running`, null otherwise. Computed when read, so nothing has to write a run for it to turn stale. Shared by
 * the run readers and the runs-table query language (`health = stale`).
 */
export function runHealthCase(status: SQL, lastSeenAt: SQL): SQL<RunHealth | null> {
  const staleAfterS = setting("PREFSCOPE_RUN_STALE_AFTER_S");
  const crashedAfterS = setting("PREFSCOPE_RUN_CRASHED_AFTER_S");
  return sql<RunHealth | null>`(case when ${status} <> 'running' then null
    when ${lastSeenAt} < now() - ${crashedAfterS}::float8 * interval '1 second' then 'crashed'
    when ${lastSeenAt} < now() - ${staleAfterS}::float8 * interval '1 second' then 'stale'
    else 'live' end)`;
}
