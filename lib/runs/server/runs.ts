import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/core/db";
import { projects, runs } from "@/lib/core/db/schema";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { AppError } from "@/lib/core/errors";
import { decodeNumber } from "@/lib/core/validation/wire-numbers";
import type { CreateRunInput, Run, RunHealth, UpdateRunInput } from "../contract";
import { runColumnsWithHealth } from "./run-health";
import { getProjectByName } from "@/lib/projects/server/projects";
import { recomputeMetricKeyStats } from "@/lib/metrics/server/metric-stats";
import { rebuildRollups } from "@/lib/metrics/server/metric-rollups";
import { recordChange } from "@/lib/live/server/record-change";

export type RunRow = typeof runs.$inferSelect & { health: RunHealth | null };

export type { Run } from "../contract";

export function toRun(row: RunRow, project: string): Run {
  return {
    id: row.id,
    project,
    name: row.name,
    group: row.group,
    algorithm: row.algorithm,
    config: row.config,
    tags: row.tags,
    notes: row.notes,
    // Written only through the contract's enum and by the diagnostics: the columns' SQL types are wider than the values.
    status: row.status as Run["status"],
    health: row.health,
    last_seen_at: row.lastSeenAt.toISOString(),
    summary: row.summary,
    flags: row.flags as Run["flags"],
    flag_level: row.flagLevel,
    // Stored as the wire writes them (jsonb holds no NaN); numbers again here, as the contract's output has them.
    diagnostics: Object.fromEntries(Object.entries(row.diagnostics).map(([k, v]) => [k, decodeNumber(v) ?? Number.NaN])),
    flags_computed_at: row.flagsComputedAt?.toISOString() ?? null,
    flags_current: row.flagsSeq !== null && row.flagsSeq >= row.writeSeq,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    archived_at: row.archivedAt?.toISOString() ?? null,
  };
}

/** A run with its project's name; 404 when there is none, or it is being deleted. */
export async function getRunRecord({ db, id }: { db: Db; id: string }) {
  const [found] = await db
    .select({ run: runColumnsWithHealth(), project: projects.name })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(eq(runs.id, id), isNull(runs.deletingAt)));
  if (!found) throw new AppError("not_found", `Run ${id} does not exist`);
  return found;
}

export async function getRun({ db, id }: { db: Db; id: string }): Promise<Run> {
  const { run, project } = await getRunRecord({ db, id });
  return toRun(run, project);
}

/** Creates a run, or resumes it when the client's id exists already (same project only). */
export async function createOrResumeRun({ db, input, projectId }: { db: Db; input: CreateRunInput; projectId: number }) {
  const project = await getProjectByName({ db, name: input.project });
  if (project.id !== projectId) throw new AppError("forbidden", "This API key belongs to another project", ["project"]);
  const id = input.id ?? randomUUID();
  const inserted = await db
    .insert(runs)
    .values({
      id,
      projectId,
      name: input.name,
      group: input.group ?? null,
      algorithm: input.algorithm ?? null,
      config: input.config ?? {},
      tags: input.tags ?? [],
    })
    .onConflictDoNothing({ target: runs.id })
    .returning(runColumnsWithHealth());
  if (inserted[0]) {
    // The project's live viewers see a run they do not know of, and read their table again.
    await recordChange(db, { runId: id, kind: "run" });
    return { created: true, run: toRun(inserted[0], project.name) };
  }

  const existing = await getRunRecord({ db, id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("conflict", `Run ${id} is being deleted; retry with another id once it is gone`, ["id"]);
    throw error;
  });
  if (existing.run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project", ["id"]);
  const [resumed] = await db
    .update(runs)
    .set({
      status: "running",
      finishedAt: null,
      updatedAt: new Date(),
      writeSeq: sql`${runs.writeSeq} + 1`,
      // The runner is back: a sign of life, and a later silence is announced again.
      lastSeenAt: sql`now()`,
      silenceNotifiedAt: null,
      config: input.config ? sql`${runs.config} || ${JSON.stringify(input.config)}::jsonb` : undefined,
      tags: input.tags,
      group: input.group ?? undefined,
      algorithm: input.algorithm ?? undefined,
    })
    .where(eq(runs.id, id))
    .returning(runColumnsWithHealth());
  await recordChange(db, { runId: id, kind: "run" });
  return { created: false, run: toRun(resumed!, project.name) };
}

/** Whether an update changes what the diagnostics read (not only how the run is named, grouped, tagged or noted). */
const touchesData = (input: UpdateRunInput) =>
  input.status !== undefined || input.algorithm !== undefined || input.config !== undefined || input.summary !== undefined || input.resume_from_step !== undefined;

/**
 * Name, group, notes and tags replace; status, config and summary merge into what is there; `resume_from_step` drops everything logged after it;
 * `algorithm` fills an empty one only (what the run was created with, a user's choice, stays).
 * Recomputing the run's flags is the caller's to ask for (`flagsTouchedByUpdate`).
 */
export async function updateRun({ db, id, input, projectId }: { db: Db; id: string; input: UpdateRunInput; projectId: number }) {
  const { run, project } = await getRunRecord({ db, id });
  if (run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
  const updated = await db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    if (input.resume_from_step !== undefined) {
      const after = input.resume_from_step;
      // Ingest decides from each key's last_step whether a batch only appends; holding the keys (in ingest's
      // order) keeps a batch in flight from writing past the deletion on a stale last_step.
      await tx.execute(sql`select id from metric_keys where run_id = ${id} order by id for update`);
      await tx.execute(sql`delete from metrics where run_id = ${id} and step > ${after}`);
      await tx.execute(sql`delete from sequences where run_id = ${id} and step > ${after}`);
      await recomputeMetricKeyStats({ db: txDb, runId: id });
      await rebuildRollups(txDb, id);
    }
    const finished = input.status === "finished" || input.status === "failed";
    // Setting a run running (or resuming it from a step) is its runner coming back; other edits (tags, a summary
    // written from the UI) say nothing of whether it is alive.
    const resumed = input.status === "running" || input.resume_from_step !== undefined;
    const [row] = await tx
      .update(runs)
      .set({
        status: input.status ?? (input.resume_from_step !== undefined ? "running" : undefined),
        finishedAt: input.status ? (finished ? new Date() : null) : undefined,
        config: input.config ? sql`${runs.config} || ${JSON.stringify(input.config)}::jsonb` : undefined,
        summary: input.summary ? sql`${runs.summary} || ${JSON.stringify(input.summary)}::jsonb` : undefined,
        tags: input.tags,
        name: input.name,
        group: input.group,
        notes: input.notes,
        algorithm: input.algorithm === undefined ? undefined : sql`coalesce(${runs.algorithm}, ${input.algorithm})`,
        updatedAt: new Date(),
        // The write count says whether the flags saw every write; a name, group, tag or note is not one they read.
        writeSeq: touchesData(input) ? sql`${runs.writeSeq} + 1` : undefined,
        ...(resumed ? { lastSeenAt: sql`now()`, silenceNotifiedAt: null } : {}),
      })
      .where(eq(runs.id, id))
      .returning(runColumnsWithHealth());
    await recordChange(txDb, { runId: id, kind: "run" });
    return row!;
  });
  return toRun(updated, project);
}

/**
 * Renames a run, or names its algorithm when it has none: the MLflow endpoints learn both after the run exists
 * (`runs/update`, the `mlflow.runName` tag, a `loss_type` param). A name the run already has changes nothing.
 */
export async function setRunIdentity({ db, id, name, algorithm }: { db: Db; id: string; name?: string; algorithm?: string }): Promise<void> {
  if (name === undefined && algorithm === undefined) return;
  const changed = await db
    .update(runs)
    .set({ name, algorithm: algorithm === undefined ? undefined : sql`coalesce(${runs.algorithm}, ${algorithm})`, updatedAt: new Date(), writeSeq: sql`${runs.writeSeq} + 1` })
    .where(and(eq(runs.id, id), or(name === undefined ? undefined : ne(runs.name, name), algorithm === undefined ? undefined : isNull(runs.algorithm))))
    .returning({ id: runs.id });
  if (changed.length) await recordChange(db, { runId: id, kind: "run" });
}

/**
 * Sets and removes entries of one object in a run's summary (MLflow's tags live under `mlflow.tags`) in one
 * statement, so that two requests changing different entries at once both keep theirs.
 */
export async function mergeRunSummaryObject({
  db,
  id,
  key,
  set = {},
  remove = [],
}: {
  db: Db;
  id: string;
  key: string;
  set?: Record<string, string>;
  remove?: string[];
}): Promise<void> {
  const current = sql`case when jsonb_typeof(${runs.summary} -> ${key}::text) = 'object' then ${runs.summary} -> ${key}::text else '{}'::jsonb end`;
  await db
    .update(runs)
    .set({
      summary: sql`jsonb_set(${runs.summary}, ${textArrayLiteral([key])}::text[], (${current} || ${JSON.stringify(set)}::jsonb) - ${textArrayLiteral(remove)}::text[])`,
      updatedAt: new Date(),
    })
    .where(eq(runs.id, id));
  await recordChange(db, { runId: id, kind: "run" });
}

/**
 * Removes a run that a failed request created, with everything logged to it, so a refused import leaves nothing
 * behind. Per-run tables without a foreign key (partitioned metrics, sequences, rollups, batches) go explicitly.
 */
export async function discardRun({ db, id }: { db: Db; id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ["metrics", "sequences", "metric_rollups", "ingest_batches"]) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where run_id = ${id}`);
    }
    await tx.execute(sql`delete from runs where id = ${id}`);
  });
}
