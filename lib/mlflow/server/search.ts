import "server-only";
import { getDb } from "@/lib/core/db";
import { requireRunRead } from "@/lib/accounts/server/run-access";
import { iterateExactPoints, listMetricKeys } from "@/lib/metrics/server/metric-series";
import { listRunMetricNames } from "@/lib/metrics/server/run-metric-names";
import { getMetricSummaries, listRuns } from "@/lib/runs/server/run-list";
import type { RunWithMetrics } from "@/lib/runs/contract";
import type { MlflowMetric, MlflowRun, ViewType } from "../contract";
import { MlflowError } from "../errors";
import { toMlflowRun } from "../run-shape";
import { matchesFilter, parseRunFilter, sortRuns } from "../search-filter";
import { requireExperiment } from "./experiments";

/** Most runs one search reads across its experiments (filter and order are applied to these). */
const MAX_SCANNED_RUNS = 50_000;
const MAX_RESULTS = 50_000;

/** The runs of one project, newest first, through the runs listing (every page). */
async function projectRuns(projectId: number, viewType: ViewType): Promise<RunWithMetrics[]> {
  const archived = viewType === "ACTIVE_ONLY" ? "exclude" : viewType === "DELETED_ONLY" ? "only" : "include";
  const out: RunWithMetrics[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRuns({ projectId, archived, limit: 1000, cursor });
    out.push(...page.runs);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && out.length < MAX_SCANNED_RUNS);
  return out;
}

/** Every series' latest value of each run (two queries for all the runs). */
async function withLatestMetrics(runs: { run: RunWithMetrics; experimentId: string }[]): Promise<MlflowRun[]> {
  const ids = runs.map((r) => r.run.id);
  const names = await listRunMetricNames({ db: await getDb(), runIds: ids });
  const summaries = await getMetricSummaries(ids, names);
  return runs.map(({ run, experimentId }) => {
    const latest = Object.entries(summaries.get(run.id) ?? {}).map(([name, s]) => ({ name, last_value: s.last, last_step: s.last_step }));
    return toMlflowRun(run, experimentId, latest);
  });
}

/** runs/search: the experiments' runs, filtered and ordered as MLflow's subset says, paged by an offset token. */
export async function searchMlflowRuns(
  request: Request,
  input: { experiment_ids: string[]; filter?: string; run_view_type: ViewType; max_results: number; order_by: string[]; page_token?: string },
): Promise<{ runs: MlflowRun[]; next_page_token?: string }> {
  if (input.max_results < 1 || input.max_results > MAX_RESULTS)
    throw new MlflowError("INVALID_PARAMETER_VALUE", `Invalid value for parameter 'max_results': expected 1 to ${MAX_RESULTS}, got ${input.max_results}`);
  const offset = input.page_token === undefined ? 0 : Number(Buffer.from(input.page_token, "base64url").toString());
  if (!Number.isSafeInteger(offset) || offset < 0) throw new MlflowError("INVALID_PARAMETER_VALUE", "Invalid page token: not one this server returned");
  const clauses = parseRunFilter(input.filter);
  const candidates: { run: RunWithMetrics; experimentId: string }[] = [];
  for (const experimentId of new Set(input.experiment_ids)) {
    const project = await requireExperiment(request, experimentId, "read");
    for (const run of await projectRuns(project.id, input.run_view_type)) candidates.push({ run, experimentId: String(project.id) });
  }
  const runs = (await withLatestMetrics(candidates)).filter((run) => matchesFilter(run, clauses));
  const page = sortRuns(runs, input.order_by).slice(offset, offset + input.max_results);
  const next = offset + input.max_results;
  return { runs: page, ...(next < runs.length ? { next_page_token: Buffer.from(String(next)).toString("base64url") } : {}) };
}

/**
 * metrics/get-history: every point of the series in step order, at its logged time (s → ms). A name the run never
 * logged is an empty list, as in MLflow.
 */
export async function getMlflowMetricHistory(request: Request, runId: string, key: string): Promise<MlflowMetric[]> {
  const { run } = await requireRunRead(request, runId);
  const db = await getDb();
  const [series] = await listMetricKeys({ db, runId: run.id, names: [key] });
  if (!series) return [];
  const out: MlflowMetric[] = [];
  for await (const page of iterateExactPoints({ db, runId: run.id, keyId: series.id })) {
    for (const p of page) out.push({ key, value: p.value, timestamp: Math.round(p.wall_time * 1000), step: Number(p.step) });
  }
  return out;
}
