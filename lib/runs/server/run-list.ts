import "server-only";
import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb, queryRows } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";
import { setOwn } from "@/lib/core/view/own-keys";
import { projects, runs } from "@/lib/core/db/schema";
import { AppError } from "@/lib/core/errors";
import { parseRunQuery } from "@/lib/query/parse-run-query";
import { runQueryToSql } from "@/lib/query/run-query-sql";
import { runIdSchema, type ListRunsQuery, type MetricSummary, type RunWithMetrics } from "../contract";
import { toRun } from "./runs";
import { runColumnsWithHealth } from "./run-health";

export type { MetricSummary, RunWithMetrics } from "../contract";

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): SQL {
  const [time = "", id = ""] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(time);
  // Only what encodeCursor writes: a 4-digit-year ISO time (Postgres' range) and a run id (a uuid column).
  const ours = /^\d{4}-/.test(time) && !Number.isNaN(at.getTime()) && at.toISOString() === time && runIdSchema.safeParse(id).success;
  if (!ours) throw new AppError("invalid_body", "cursor is not one this API returned", ["cursor"]);
  return or(lt(runs.createdAt, at), and(eq(runs.createdAt, at), lt(runs.id, id)))!;
}

/** The last, first, min and max of the named series of each run, read from the series summaries. */
export async function getMetricSummaries(runIds: string[], keys: string[]) {
  const out = new Map<string, Record<string, MetricSummary>>();
  if (runIds.length === 0 || keys.length === 0) return out;
  const db = await getDb();
  const rows = await queryRows<{ run_id: string; name: Uint8Array | string } & Record<string, number | null>>(
    db,
    sql`select run_id, ${asTextBytes(sql.raw("name"))} as name, first_value, last_value, last_step::float8 as last_step, min_value, max_value, count::float8 as count
        from metric_keys where run_id = any(${textArrayLiteral(runIds)}::uuid[]) and name = any(${textArrayLiteral(keys)}::text[])`,
  );
  for (const r of rows) {
    const entry = out.get(r.run_id) ?? {};
    // Keyed by user text: "__proto__" or "constructor" is a metric like any other.
    setOwn(entry, fromTextBytes(r.name), {
      first: r.first_value ?? null,
      last: r.last_value ?? null,
      last_step: r.last_step ?? null,
      min: r.min_value ?? null,
      max: r.max_value ?? null,
      count: Number(r.count ?? 0),
    });
    out.set(r.run_id, entry);
  }
  return out;
}

/** The conditions a runs listing filters by (the query joins `projects`): project, `q`, flag, status, cursor. */
export function runFilters(query: Omit<ListRunsQuery, "limit"> & { projectId?: number }): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (query.project) where.push(eq(projects.name, query.project));
  if (query.projectId !== undefined) where.push(eq(runs.projectId, query.projectId));
  // Runs being deleted are gone for every reader; archived ones only show when asked for.
  where.push(isNull(runs.deletingAt));
  const archived = query.archived ?? "exclude";
  if (archived === "exclude") where.push(isNull(runs.archivedAt));
  else if (archived === "only") where.push(isNotNull(runs.archivedAt));
  if (query.status) where.push(eq(runs.status, query.status));
  if (query.q) {
    const node = parseRunQuery(query.q);
    if (node) where.push(runQueryToSql(node));
  }
  if (query.flag) where.push(sql`${runs.flags} @> ${JSON.stringify([{ property: query.flag }])}::jsonb`);
  if (query.cursor) where.push(decodeCursor(query.cursor));
  return where;
}

/** How many runs the filters select (the runs table's count, without reading them). */
export async function countRuns(query: Omit<ListRunsQuery, "limit" | "cursor"> & { projectId?: number }): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(...runFilters(query)));
  return Number(row?.count ?? 0);
}

/** Runs newest first, filtered by project, the filter language (`q`), flag and status; paged by an opaque cursor. */
export async function listRuns(query: ListRunsQuery & { projectId?: number }) {
  const db = await getDb();
  const where = runFilters(query);
  const rows = await db
    .select({ run: runColumnsWithHealth(), project: projects.name })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(...where))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const keys = query.summary_keys ? query.summary_keys.split(",").filter(Boolean) : [];
  const summaries = await getMetricSummaries(
    page.map((r) => r.run.id),
    keys,
  );
  const result: RunWithMetrics[] = page.map((r) => ({ ...toRun(r.run, r.project), metrics: summaries.get(r.run.id) ?? {} }));
  const last = page.at(-1);
  return { runs: result, next_cursor: rows.length > query.limit && last ? encodeCursor(last.run) : null };
}
