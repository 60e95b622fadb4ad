import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/lib/core/db";
import { reports, runs, shareLinks } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { parseReportUrl, reportIdSchema, type CreateReportInput, type Report, type ReportView, type ShareLinkSummary, type ShareMode } from "../contract";
import { getProjectByName } from "@/lib/projects/server/projects";

export type ReportRow = typeof reports.$inferSelect;
type ShareLinkRow = typeof shareLinks.$inferSelect;

export type { Report, ShareLinkSummary } from "../contract";

export function shareLinkState(link: Pick<ShareLinkRow, "revokedAt" | "expiresAt">, now = Date.now()): ShareLinkSummary["state"] {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt.getTime() <= now) return "expired";
  return "active";
}

export function toShareLinkSummary(link: ShareLinkRow): ShareLinkSummary {
  return {
    id: link.id,
    prefix: link.prefix,
    mode: link.mode as ShareMode,
    created_at: link.createdAt.toISOString(),
    expires_at: link.expiresAt?.toISOString() ?? null,
    revoked_at: link.revokedAt?.toISOString() ?? null,
    state: shareLinkState(link),
  };
}

function toReport(row: ReportRow, project: string, links: ShareLinkRow[], liveRuns?: Set<string>): Report {
  const runId = parseReportUrl(row.url)?.runId;
  return {
    id: row.id,
    project,
    title: row.title,
    note: row.note,
    // Written from parseReportUrl's view only (the column is text).
    view: row.view as ReportView,
    url: row.url,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    share_links: links.filter((l) => l.reportId === row.id).map(toShareLinkSummary),
    run_deleted: Boolean(runId && liveRuns && !liveRuns.has(runId)),
  };
}

/** Saves a view. A run view must show a run of this project: a report never reaches into another one. */
export async function createReport({ project, title, note, url }: CreateReportInput): Promise<Report> {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const target = parseReportUrl(url)!;
  if (target.runId) {
    const [run] = await db
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.id, target.runId), eq(runs.projectId, projectId), isNull(runs.deletingAt)));
    if (!run) throw new AppError("invalid_body", `url: run ${target.runId} is not in project "${project}"`, ["url"]);
  }
  const [row] = await db.insert(reports).values({ id: randomUUID(), projectId, title, note, view: target.view, url }).returning();
  return toReport(row!, project, [], await liveRunsOf([row!]));
}

/** The project's reports, newest first, each with its share links (prefixes only). */
export async function listReports({ project }: { project: string }): Promise<Report[]> {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const rows = await db.select().from(reports).where(eq(reports.projectId, projectId)).orderBy(desc(reports.createdAt));
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(shareLinks)
    .where(
      inArray(
        shareLinks.reportId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
  const live = await liveRunsOf(rows);
  return rows.map((r) => toReport(r, project, links, live));
}

/** Of the runs the reports' URLs name, those that still exist (not deleted, nor being deleted). */
async function liveRunsOf(rows: ReportRow[]): Promise<Set<string>> {
  const ids = [...new Set(rows.flatMap((r) => parseReportUrl(r.url)?.runId ?? []))];
  if (ids.length === 0) return new Set();
  const db = await getDb();
  const found = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(inArray(runs.id, ids), isNull(runs.deletingAt)));
  return new Set(found.map((r) => r.id));
}

/** Whether a report of the project shows this run: reports are checked when saved, so the run existed. */
export async function projectReportNamesRun({ projectId, runId }: { projectId: number; runId: string }): Promise<boolean> {
  const db = await getDb();
  const rows = await db.select({ url: reports.url }).from(reports).where(eq(reports.projectId, projectId));
  return rows.some((r) => parseReportUrl(r.url)?.runId === runId);
}

/** One report of the project; 404 when it is unknown or another project's. */
export async function getReportRecord({ project, id }: { project: string; id: string }) {
  const db = await getDb();
  const { id: projectId } = await getProjectByName({ name: project });
  const missing = new AppError("not_found", `No report ${id} in project "${project}"`);
  // An id that is not a UUID names no report; asking Postgres would be a 500 (invalid input syntax).
  if (!reportIdSchema.safeParse(id).success) throw missing;
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.id, id), eq(reports.projectId, projectId)));
  if (!row) throw missing;
  return row;
}

export async function getReport({ project, id }: { project: string; id: string }): Promise<Report> {
  const row = await getReportRecord({ project, id });
  const db = await getDb();
  const links = await db.select().from(shareLinks).where(eq(shareLinks.reportId, row.id)).orderBy(desc(shareLinks.createdAt), desc(shareLinks.id));
  return toReport(row, project, links, await liveRunsOf([row]));
}

/** Deletes a report; its share links go with it (the foreign key cascades), so they stop working at once. */
export async function deleteReport({ project, id }: { project: string; id: string }): Promise<void> {
  const row = await getReportRecord({ project, id });
  const db = await getDb();
  await db.delete(reports).where(eq(reports.id, row.id));
}
