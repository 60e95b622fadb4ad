import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/lib/core/db";
import { projects, runs } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { MAX_RUN_TAGS, type BulkEditRunsInput, type Run } from "../contract";
import { runColumnsWithHealth } from "./run-health";
import { toRun } from "./runs";
import { editTags } from "../view/edit-tags";
import { recordChange } from "@/lib/live/server/record-change";

/** The project of each run that exists (and is not being deleted), by id: what a bulk edit checks access against. */
export async function getRunProjects({ db, ids }: { db: Db; ids: string[] }): Promise<Map<string, { projectId: number; project: string }>> {
  const rows = await db
    .select({ id: runs.id, projectId: runs.projectId, project: projects.name })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(inArray(runs.id, ids), isNull(runs.deletingAt)));
  return new Map(rows.map((r) => [r.id, { projectId: r.projectId, project: r.project }]));
}

/**
 * Sets the group of, and adds and removes tags on, every run named, in one transaction: a run gone meanwhile or a
 * run left with too many tags refuses the whole edit. The caller has checked that each run
 * may be edited, and that all are of `project`.
 */
export async function editRuns({ db, input, project }: { db: Db; input: BulkEditRunsInput; project: string }): Promise<Run[]> {
  const ids = [...new Set(input.ids)];
  const group = input.set?.group;
  const edited = await db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    // Locked in id order, so two bulk edits of overlapping runs wait for each other instead of deadlocking.
    const rows = await tx
      .select({ id: runs.id, tags: runs.tags })
      .from(runs)
      .where(and(inArray(runs.id, ids), isNull(runs.deletingAt)))
      .orderBy(asc(runs.id))
      .for("update");
    const found = new Map(rows.map((r) => [r.id, r.tags]));
    const missing = input.ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw new AppError("not_found", `Run ${input.ids[missing]} does not exist`, ["ids", missing]);
    const out = new Map<string, Run>();
    for (const row of rows) {
      const tags = editTags(row.tags, input.add_tags, input.remove_tags);
      if (tags.length > MAX_RUN_TAGS) throw new AppError("invalid_body", `Run ${row.id} would have ${tags.length} tags; a run has at most ${MAX_RUN_TAGS}`, ["add_tags"]);
      const [updated] = await tx.update(runs).set({ tags, group, updatedAt: new Date() }).where(eq(runs.id, row.id)).returning(runColumnsWithHealth());
      out.set(row.id, toRun(updated!, project));
      await recordChange(txDb, { runId: row.id, kind: "run" });
    }
    return out;
  });
  return ids.map((id) => edited.get(id)!);
}
