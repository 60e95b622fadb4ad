import "server-only";
import { getDb } from "@/lib/core/db";
import { PAPER_PROJECT } from "../view/table-reference";
import { listRunMetricNames } from "@/lib/metrics/server/run-metric-names";
import { getMetricSummaries, listRuns, type RunWithMetrics } from "@/lib/runs/server/run-list";

const PAGE = 1000;

/**
 * Every run a results table covers (all pages of the runs list, up to `max`), each with the summaries of the
 * table's columns. `truncated` says the cap cut some off, so the page can say so instead of averaging fewer seeds.
 */
export async function listTableRuns({ project, q, keys, max = 5000 }: { project: string; q?: string; keys: string[]; max?: number }) {
  const runs: RunWithMetrics[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns({ project, q: q || undefined, limit: PAGE, cursor, summary_keys: keys.join(",") });
    runs.push(...page.runs);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && runs.length < max);
  return { runs: runs.slice(0, max), truncated: Boolean(cursor) || runs.length > max };
}

/**
 * One of the paper's tables as the `paper` project stores it: its runs in the paper's row order (oldest first,
 * as seeded), the metric names in the paper's column order, and the caption. Empty when the project is absent.
 */
export async function getPaperReference({ table }: { table: string }) {
  const listed = await listRuns({ project: PAPER_PROJECT, q: `config.table = ${JSON.stringify(table)}`, limit: PAGE });
  const ordered = [...listed.runs].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.name.localeCompare(b.name));
  const metricNames = await listRunMetricNames({ db: await getDb(), runIds: ordered.map((r) => r.id) });
  const summaries = await getMetricSummaries(
    ordered.map((r) => r.id),
    metricNames,
  );
  const caption = ordered.map((r) => r.summary.caption).find((c): c is string => typeof c === "string");
  return { runs: ordered.map((r) => ({ ...r, metrics: summaries.get(r.id) ?? {} })), metricNames, caption };
}
