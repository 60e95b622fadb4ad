import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, queryRows } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";
import { projects, runs } from "@/lib/core/db/schema";
import { rankConfigKeys } from "../view/config-keys";
import { columnsFromParam, defaultColumns, metricKeysOf, parseColumn, type MetricAggregate } from "../view/run-columns";
import { getOwn, setOwn } from "@/lib/core/view/own-keys";
import { defaultSummaryKeys } from "../view/summary-keys";
import { toTableRun, type TableRun } from "@/lib/comparisons/view/table-run";
import type { ListRunsQuery } from "../contract";
import { runHealthSql } from "./run-health";
import { countRuns, getMetricSummaries, listRuns, runFilters, type MetricSummary } from "./run-list";

/** The most runs the table takes at once (it virtualises rows, so a whole project of this size). */
export const MAX_TABLE_RUNS = 10_000;
/** The newest runs the default columns are chosen from; a table this size is rendered whole on the server. */
export const COLUMN_SAMPLE_RUNS = 100;
/** What the runs page renders of a larger table: a screenful and more; the rest is fetched by the page. */
export const FIRST_PAGE_RUNS = 50;

/** The metric names the given runs logged, the most common first (the runs table's default columns). */
export async function listMetricNamesOf({ runIds }: { runIds: string[] }): Promise<string[]> {
  if (runIds.length === 0) return [];
  const db = await getDb();
  const rows = await queryRows<{ name: Uint8Array | string }>(
    db,
    sql`select ${asTextBytes(sql.raw("name"))} as name from metric_keys where run_id = any(${textArrayLiteral(runIds)}::uuid[]) group by metric_keys.name order by count(*) desc, metric_keys.name limit 200`,
  );
  return rows.map((r) => fromTextBytes(r.name));
}

const AGGREGATE_COLUMNS: Record<MetricAggregate, string> = { first: "first_value", last: "last_value", min: "min_value", max: "max_value" };

/**
 * Every run the filters select (newest first, up to MAX_TABLE_RUNS) as the runs table shows it, as JSON text:
 * run fields, flags, only the named config keys and only the named metric aggregates (`loss.last`). The
 * database writes the JSON itself, so 10,000 runs never become 10,000 objects here only to be serialised again.
 */
export async function listRunsTableRowsJson(
  query: Pick<ListRunsQuery, "project" | "q" | "flag" | "archived"> & { projectId?: number; configKeys: string[]; metrics: string[] },
): Promise<string> {
  const db = await getDb();
  const wanted = query.metrics
    .map((m) => ({ name: m.slice(0, m.lastIndexOf(".")), aggregate: m.slice(m.lastIndexOf(".") + 1) as MetricAggregate }))
    .filter((m) => m.name && m.aggregate in AGGREGATE_COLUMNS);
  const aggregates = [...new Set(wanted.map((m) => m.aggregate))];
  const summary = sql.raw(`json_build_object(${aggregates.map((a) => `'${a}', mk.${AGGREGATE_COLUMNS[a]}`).join(", ") || "'last', mk.last_value"})`);
  const selected = db
    .select({ id: runs.id })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(...runFilters(query)))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(MAX_TABLE_RUNS);
  const [row] = await queryRows<{ runs: string }>(
    db,
    sql`select coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'algorithm', r.algorithm, 'status', r.status, 'health', ${runHealthSql("r")},
          'last_seen_at', to_char(r.last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'group', r."group",
          'tags', r.tags, 'archived_at', r.archived_at, 'diagnostics', r.diagnostics, 'created_at', to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'flags', r.flags,
          'config', (select coalesce(jsonb_object_agg(e.key, e.value), '{}') from jsonb_each(r.config) e where e.key = any(${textArrayLiteral(query.configKeys)}::text[])),
          'metrics', (select coalesce(json_object_agg(mk.name, ${summary}), '{}') from metric_keys mk
                      where mk.run_id = r.id and mk.name = any(${textArrayLiteral([...new Set(wanted.map((m) => m.name))])}::text[])))
          order by r.created_at desc, r.id desc), '[]')::text as runs
        from runs r where r.id in (${selected})`,
  );
  return row?.runs ?? "[]";
}

/** A project's scalar config keys and metric names, the most common first: what the column chooser offers. */
export async function listProjectColumnNames({ projectId }: { projectId: number }) {
  const db = await getDb();
  const keys = await queryRows<{ key: string }>(
    db,
    sql`select e.key from runs r, jsonb_each(r.config) e where r.project_id = ${projectId} and jsonb_typeof(e.value) in ('number', 'string', 'boolean')
        group by e.key order by count(*) desc, e.key limit 100`,
  );
  const names = await queryRows<{ name: Uint8Array | string }>(
    db,
    sql`select ${asTextBytes(sql.raw("name"))} as name from metric_keys where run_id in (select id from runs where project_id = ${projectId} and deleting_at is null) group by metric_keys.name order by count(*) desc, metric_keys.name limit 200`,
  );
  return { configKeys: keys.map((r) => r.key), metricNames: names.map((r) => fromTextBytes(r.name)) };
}

/** Only the aggregates the metric columns show (`metric.loss.last` → `{ loss: { last } }`). */
function shownMetrics(summaries: Record<string, MetricSummary>, columns: string[]): TableRun["metrics"] {
  const out: TableRun["metrics"] = {};
  for (const id of columns) {
    const c = parseColumn(id);
    const summary = c?.kind === "metric" ? getOwn(summaries, c.name) : undefined;
    if (c?.kind === "metric" && summary) setOwn(out, c.name, { ...getOwn(out, c.name), [c.aggregate]: summary[c.aggregate] });
  }
  return out;
}

/**
 * The runs page's first render: the runs the filter selects, newest first — all of them when there are at most
 * COLUMN_SAMPLE_RUNS, else the first FIRST_PAGE_RUNS with only the config keys and metric aggregates the columns
 * show — how many it selects in all, and the columns (from `cols`, else defaults: the config keys and metrics of
 * the project's newest runs). The rest of a large project comes from `listRunsTableRowsJson` once the page is
 * up, so the first render never waits for (or ships) every run's config and summaries.
 */
export async function loadRunsTablePage(query: Pick<ListRunsQuery, "project" | "q" | "flag" | "archived"> & { projectId: number; cols?: string }) {
  const { cols, ...filter } = query;
  const listed = await listRuns({ ...filter, limit: COLUMN_SAMPLE_RUNS });
  const complete = !listed.next_cursor;
  const shown = complete ? listed.runs : listed.runs.slice(0, FIRST_PAGE_RUNS);
  // Default columns from the project's newest runs, filtered or not, so that filtering never changes the columns.
  const sample = filter.q || filter.flag ? (await listRuns({ project: filter.project, projectId: filter.projectId, limit: COLUMN_SAMPLE_RUNS })).runs : listed.runs;
  const configKeys = rankConfigKeys(sample.map((r) => r.config));
  const metricNames = await listMetricNamesOf({ runIds: sample.map((r) => r.id) });
  const columns = columnsFromParam(cols, defaultColumns(configKeys.slice(0, 6), defaultSummaryKeys(metricNames)));
  const summaries = await getMetricSummaries(
    shown.map((r) => r.id),
    metricKeysOf(columns),
  );
  // A complete table groups by any config key at once; a partial one waits for every run, fetched with the key.
  const keys = complete ? configKeys : columns.flatMap((id) => (parseColumn(id)?.kind === "config" ? [id.slice(7)] : []));
  const runs = shown.map((r) => toTableRun({ ...r, metrics: shownMetrics(summaries.get(r.id) ?? {}, columns) }, keys));
  const total = complete ? runs.length : await countRuns(filter);
  return { runs, total, columns, configKeys, metricNames };
}
