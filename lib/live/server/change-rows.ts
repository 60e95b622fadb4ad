import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { numberArrayLiteral, textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { setting } from "@/lib/core/config";
import type { ChangeKind } from "./record-change";

export type ChangeRow = {
  id: number;
  runId: string;
  projectId: number;
  kind: ChangeKind;
  keys: string[] | null;
  stepMin: number | null;
  stepMax: number | null;
};

type RawChange = { id: number; run_id: string; project_id: number; kind: ChangeKind; keys: string[] | null; step_min: number | null; step_max: number | null };

const toChange = (r: RawChange): ChangeRow => ({
  id: Number(r.id),
  runId: r.run_id,
  projectId: Number(r.project_id),
  kind: r.kind,
  keys: r.keys,
  stepMin: r.step_min === null ? null : Number(r.step_min),
  stepMax: r.step_max === null ? null : Number(r.step_max),
});

const COLUMNS = sql`id::float8 as id, run_id, project_id, kind, keys, step_min::float8 as step_min, step_max::float8 as step_max`;

/** The changes a batch of notifications named (one query for however many arrived together). */
export async function readChanges(db: Db, ids: number[]): Promise<ChangeRow[]> {
  const rows = await queryRows<RawChange>(db, sql`select ${COLUMNS} from run_changes where id = any(${numberArrayLiteral(ids)}::int8[]) order by id`);
  return rows.map(toChange);
}

/** The newest change id: where a stream that starts now begins. */
export async function newestChangeId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`select coalesce(max(id), 0)::float8 as id from run_changes`);
  return Number(row?.id ?? 0);
}

/** Changes a stream replays at most; a viewer further behind reads its page again instead. */
const MAX_REPLAY = 2_000;

/**
 * Changes after `since` of a project's runs (when `project`) or of the named runs. Ids are taken when a writer's
 * last statement runs and become visible when it commits, so one writer may commit a smaller id after another's
 * larger one: the replay also takes the changes recorded in the seconds before `since` (the viewer merges points
 * by step, so seeing one twice changes nothing). Null when the replay cannot be told: `since` was pruned, or the
 * viewer is too far behind.
 */
export async function readChangesSince(db: Db, { since, projectId, runIds }: { since: number; projectId: number | null; runIds: string[] }): Promise<ChangeRow[] | null> {
  const scope = projectId === null ? sql`run_id = any(${textArrayLiteral(runIds)}::uuid[])` : sql`(project_id = ${projectId} or run_id = any(${textArrayLiteral(runIds)}::uuid[]))`;
  const [anchor] = await queryRows<{ found: boolean; oldest: number | null }>(
    db,
    sql`select exists (select 1 from run_changes where id = ${since}) as found, (select min(id)::float8 from run_changes) as oldest`,
  );
  // Known ids only: one pruned since (or from before a database reset) cannot say what came after it.
  if (since > 0 && !anchor?.found && anchor?.oldest !== null && since < Number(anchor?.oldest)) return null;
  const rows = await queryRows<RawChange>(
    db,
    sql`select ${COLUMNS} from run_changes
        where ${scope} and (id > ${since} or created_at >= (select created_at - make_interval(secs => ${setting("PREFSCOPE_LIVE_REPLAY_OVERLAP_S")}) from run_changes where id = ${since}))
        order by id limit ${MAX_REPLAY + 1}`,
  );
  return rows.length > MAX_REPLAY ? null : rows.map(toChange);
}

/** Drops changes older than the resume window; any instance may, as often as it likes. */
export async function pruneChanges(db: Db): Promise<void> {
  await db.execute(sql`delete from run_changes where created_at < now() - make_interval(secs => ${setting("PREFSCOPE_LIVE_RESUME_S")})`);
}
