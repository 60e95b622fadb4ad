import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { setting } from "@/lib/core/config";
import { getDb, queryRows, type Db } from "@/lib/core/db";
import { projects, runs } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { cancelFlagRecompute } from "@/lib/diagnostics/server/flag-scheduler";
import { deleteRunPairLinks } from "@/lib/pairs/server/purge-pair-texts";
import type { Project } from "@/lib/projects/server/projects";
import { toRun, type Run } from "./runs";
import { runColumnsWithHealth } from "./run-health";

/**
 * Archive and delete, for runs and projects.
 *
 * Archive only sets `archived_at`: lists, tables and pickers leave the run (or project) out unless asked
 * (`archived=include|only`); its pages still open by URL, and ingest into it is still accepted (a trainer that
 * was archived by mistake keeps logging, as W&B does).
 *
 * Delete first marks the run `deleting_at` (one row update: every read stops seeing it at once), then removes its
 * rows table by table in batches of DELETE_BATCH_ROWS, each batch its own statement and transaction, so others'
 * reads and writes run between them; a crash mid-way leaves the mark, and the purge is finished at the next boot or
 * by the next DELETE. A project is renamed aside and marked (with all its runs) the same way, then its runs are
 * purged one by one and its row removed last (keys, members, reports and share links go with it by foreign key).
 */

/** Rows per delete statement; ~20,000 keeps each under ~100 ms on PGlite and a small server. */
export const deleteBatchRows = () => setting("PREFSCOPE_DELETE_BATCH_ROWS");

/** Per-run tables, biggest first; metric_keys last, since ingest locks a run's keys before it writes rows. */
const RUN_TABLES = ["metrics", "metric_rollups", "sequences", "ingest_batches", "flag_notifications", "metric_keys", "run_pairs"] as const;
export type RunTable = (typeof RUN_TABLES)[number];
export type PurgeCounts = Record<RunTable, number>;

export interface RunLookup {
  run: typeof runs.$inferSelect;
  project: string;
}

/** A run by id, deleting or not (the lifecycle routes resume a purge a crash cut short); 404 when unknown. */
export async function findRunForLifecycle({ id }: { id: string }): Promise<RunLookup> {
  const db = await getDb();
  const [found] = await db.select({ run: runs, project: projects.name }).from(runs).innerJoin(projects, eq(projects.id, runs.projectId)).where(eq(runs.id, id));
  if (!found) throw new AppError("not_found", `Run ${id} does not exist`);
  return { run: found.run, project: originalName(found.project) };
}

/** Hides a run from lists and pickers (`archived: true`), or brings it back. */
export async function setRunArchived({ id, archived }: { id: string; archived: boolean }): Promise<Run> {
  const db = await getDb();
  const [row] = await db
    .update(runs)
    .set({ archivedAt: archived ? sql`coalesce(${runs.archivedAt}, now())` : null })
    .where(and(eq(runs.id, id), isNull(runs.deletingAt)))
    .returning(runColumnsWithHealth());
  if (!row) throw new AppError("not_found", `Run ${id} does not exist`);
  const { project } = await findRunForLifecycle({ id });
  return toRun(row, project);
}

/** Hides a project from the projects page (`archived: true`), or brings it back. */
export async function setProjectArchived({ project, archived }: { project: Project; archived: boolean }): Promise<Project> {
  const db = await getDb();
  const [row] = await db
    .update(projects)
    .set({ archivedAt: archived ? sql`coalesce(${projects.archivedAt}, now())` : null })
    .where(and(eq(projects.id, project.id), isNull(projects.deletingAt)))
    .returning();
  if (!row) throw new AppError("not_found", `Project "${project.name}" does not exist`, ["project"]);
  return row;
}

// One purge per run at a time, whichever request or boot asks (route bundles share globalThis, not modules).
const holder = globalThis as typeof globalThis & { __prefscopePurges?: Map<string, Promise<PurgeCounts>> };
const inFlight = (holder.__prefscopePurges ??= new Map());

/** Deletes a run: hidden at once, then its rows removed in batches. Resolves when every row is gone. */
export async function deleteRun({ id }: { id: string }): Promise<PurgeCounts> {
  const db = await getDb();
  await db
    .update(runs)
    .set({ deletingAt: sql`coalesce(${runs.deletingAt}, now())` })
    .where(eq(runs.id, id));
  cancelFlagRecompute(id);
  return purgeRunOnce(id);
}

function purgeRunOnce(id: string): Promise<PurgeCounts> {
  let running = inFlight.get(id);
  if (!running) {
    running = purgeRun(id).finally(() => inFlight.delete(id));
    inFlight.set(id, running);
  }
  return running;
}

async function purgeRun(id: string): Promise<PurgeCounts> {
  const db = await getDb();
  const counts = Object.fromEntries(RUN_TABLES.map((t) => [t, 0])) as PurgeCounts;
  for (const table of RUN_TABLES) {
    for (;;) {
      const n = await deleteBatch(db, table, id, deleteBatchRows());
      counts[table] += n;
      if (n < deleteBatchRows()) break;
      // Let requests queued behind this one (PGlite runs one statement at a time) go first.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  // Last, in one transaction: the run row, holding its keys as ingest does, so a batch that was already past its
  // checks when the run was marked either finishes first (its rows removed here) or fails on the missing run.
  await db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    await txDb.execute(sql`select id from runs where id = ${id} for update`);
    await txDb.execute(sql`select id from metric_keys where run_id = ${id} order by id for update`);
    for (const table of RUN_TABLES) counts[table] += await deleteBatch(txDb, table, id, null);
    await txDb.execute(sql`delete from runs where id = ${id}`);
  });
  return counts;
}

/** Deletes up to `limit` of a run's rows of one table (all of them when null); returns how many went. */
async function deleteBatch(db: Db, table: RunTable, runId: string, limit: number | null): Promise<number> {
  if (table === "run_pairs") return deleteRunPairLinks(db, runId, limit); // and the texts no run links any longer
  const t = sql.identifier(table);
  // ctid is unique within one partition, and `run_id = …` prunes a partitioned table to the run's one partition.
  const where = limit === null ? sql`run_id = ${runId}` : sql`run_id = ${runId} and ctid = any(array(select ctid from ${t} where run_id = ${runId} limit ${limit}))`;
  const [row] = await queryRows<{ n: number }>(db, sql`with d as (delete from ${t} where ${where} returning 1) select count(*)::int as n from d`);
  return Number(row?.n ?? 0);
}

// A project being deleted keeps its row (and its runs' rows) until the purge ends; its name is set aside with a
// character no project name may hold, so the name is free for a new project at once.
const ASIDE = "~deleting~";
const isRenamedAside = (name: string) => name.includes(ASIDE);
const originalName = (name: string) => (isRenamedAside(name) ? name.slice(0, name.indexOf(ASIDE)) : name);

export interface ProjectPurge {
  project: string;
  runs: number;
  rows: PurgeCounts;
}

/** Deletes a project: hidden at once (name freed), then each run purged in batches, then the project row. */
export async function deleteProject({ project }: { project: Project }): Promise<ProjectPurge> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx
      .update(projects)
      .set({ deletingAt: sql`coalesce(${projects.deletingAt}, now())`, name: sql`${projects.name} || ${`${ASIDE}${project.id}`}` })
      .where(and(eq(projects.id, project.id), isNull(projects.deletingAt)));
    await tx
      .update(runs)
      .set({ deletingAt: sql`coalesce(${runs.deletingAt}, now())` })
      .where(eq(runs.projectId, project.id));
  });
  return purgeProject(project.id, originalName(project.name));
}

async function purgeProject(projectId: number, name: string): Promise<ProjectPurge> {
  const db = await getDb();
  const rows = Object.fromEntries(RUN_TABLES.map((t) => [t, 0])) as PurgeCounts;
  let count = 0;
  // Marked runs only: the mark and the project's go together, and no run can be added under the set-aside name.
  for (;;) {
    const batch = await db.select({ id: runs.id }).from(runs).where(eq(runs.projectId, projectId)).limit(100);
    if (batch.length === 0) break;
    for (const { id } of batch) {
      await db
        .update(runs)
        .set({ deletingAt: sql`coalesce(${runs.deletingAt}, now())` })
        .where(eq(runs.id, id));
      cancelFlagRecompute(id);
      const counts = await purgeRunOnce(id);
      for (const table of RUN_TABLES) rows[table] += counts[table];
      count++;
    }
  }
  await db.delete(projects).where(and(eq(projects.id, projectId), isNotNull(projects.deletingAt)));
  return { project: name, runs: count, rows };
}

/** Finishes deletes a stopped server left half-done (runs and projects still marked). Returns how many. */
export async function resumePendingDeletes(): Promise<{ runs: number; projects: number }> {
  const db = await getDb();
  const pendingProjects = await db.select({ id: projects.id, name: projects.name }).from(projects).where(isNotNull(projects.deletingAt));
  for (const p of pendingProjects) await purgeProject(p.id, originalName(p.name));
  const pendingRuns = await db.select({ id: runs.id }).from(runs).where(isNotNull(runs.deletingAt));
  for (const r of pendingRuns) await purgeRunOnce(r.id);
  return { runs: pendingRuns.length, projects: pendingProjects.length };
}
