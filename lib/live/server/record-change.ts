import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";

/** The channel every instance listens on; one per database, whatever the number of runs or viewers. */
export const LIVE_CHANNEL = "prefscope_live";

/** What a committed write changed: `metrics`/`sequences` batches, a `flags` recomputation, or the `run` row itself. */
export type ChangeKind = "metrics" | "sequences" | "flags" | "run";

/** The lowest and highest of some steps, by a loop: a batch's hundreds of thousands would overflow `Math.min(...)`'s stack. */
export function stepSpan(steps: Iterable<number>): { stepMin?: number; stepMax?: number } {
  let stepMin = Infinity;
  let stepMax = -Infinity;
  for (const s of steps) {
    if (s < stepMin) stepMin = s;
    if (s > stepMax) stepMax = s;
  }
  return stepMin <= stepMax ? { stepMin, stepMax } : {};
}

export type Change = { runId: string; kind: ChangeKind; keys?: string[]; stepMin?: number; stepMax?: number };

/**
 * Records a change and tells every listening instance, in one statement of the writer's transaction: Postgres
 * delivers the notification only when that transaction commits (and never if it rolls back), so a viewer is never
 * told of rows it cannot read yet. The payload is only `id:project:run:kind`; the change's row holds the rest.
 */
export async function recordChange(db: Db, change: Change): Promise<void> {
  const keys = change.keys ? sql`${textArrayLiteral(change.keys)}::text[]` : sql`null::text[]`;
  await db.execute(sql`
    with c as (
      insert into run_changes (run_id, project_id, kind, keys, step_min, step_max, created_at)
      select r.id, r.project_id, ${change.kind}, ${keys}, ${change.stepMin ?? null}::int8, ${change.stepMax ?? null}::int8, clock_timestamp()
      from runs r where r.id = ${change.runId}
      returning id, project_id, run_id, kind)
    select pg_notify(${LIVE_CHANNEL}, c.id || ':' || c.project_id || ':' || c.run_id || ':' || c.kind) from c`);
}
