import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/lib/core/db";
import { projects, reports, runs, shareLinks } from "@/lib/core/db/schema";
import { isFlagProperty, type DiagnosticsResult, type MetricPoint } from "@/lib/diagnostics";
import { AppError } from "@/lib/core/errors";
import { defaultSummaryKeys } from "@/lib/runs/view/summary-keys";
import { publicUrl } from "@/lib/core/public-url";
import { decodeNumber, encodeNumber } from "@/lib/core/validation/numbers";
import { isDrawnView, parseReportUrl, shareTokenSchema, type CreatedShareLink, type CreateShareLinkInput, type ReportTarget, type SharedRuns, type ShareMode } from "../contract";
import { readMetricSeriesPage, type Series } from "@/lib/metrics/server/metric-series";
import { listProjectMetricNames } from "@/lib/projects/server/projects";
import { getReportRecord, shareLinkState, toShareLinkSummary, type ShareLinkSummary } from "./reports";
import { getRunDiagnostics } from "@/lib/diagnostics/server/run-diagnostics";
import { thinPoints } from "@/lib/metrics/view/bound-points";
import { getMetricSummaries, listRuns, type RunWithMetrics } from "@/lib/runs/server/run-list";
import { getRunRecord, toRun, type Run } from "@/lib/runs/server/runs";
import { runColumnsWithHealth } from "@/lib/runs/server/run-health";

/** Points per series on a shared page, live or frozen: enough to read a curve, small enough to snapshot. */
const MAX_POINTS = 1000;
/** Series a shared run report shows: the first by name (a run may hold up to 10,000). */
export const MAX_SHARED_SERIES = 500;
const MAX_NAMED_RUNS = 100;

/** Shared data is for the holder of the link: never cached on the way, indexed, or sent on as a referrer. */
export const SHARE_RESPONSE_HEADERS = { "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };

export function hashShareToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A link that existed and was revoked or ran out: 410, so a reader knows it will not come back. */
export class ShareLinkGoneError extends AppError {
  constructor(readonly reason: "revoked" | "expired") {
    super("gone", reason === "revoked" ? "This link was revoked" : "This link has expired", ["token"]);
  }
}

export type SharedDiagnostics = Omit<DiagnosticsResult, "series"> & { series: Record<string, MetricPoint[]> };
export type { SharedRuns } from "../contract";
// A view with charts also keeps what they draw (`view`); links frozen before that hold the runs alone.
type Snapshot = { run: Run; metrics: Series[]; diagnostics: SharedDiagnostics } | (SharedRuns & { view?: SharedView });

/** What one token opens: the report, its link, and the project the data must come from. */
export interface SharedReport {
  report: { title: string; note: string; view: string; url: string; created_at: string };
  link: { mode: ShareMode; created_at: string; expires_at: string | null };
  projectId: number;
  /** The report's project by name, as the views' loaders take it; never sent to the reader. */
  projectName: string;
  target: ReportTarget;
  snapshot: Snapshot | null;
}

type Scope = { projectId: number; projectName: string; target: ReportTarget };

/** A drawn view's data as its page computes it (plain JSON). */
export interface SharedView {
  kind: string;
  data: unknown;
}
/**
 * Computes a tables, compare, sweeps or DPO-vs-RM view from a report's URL, in its project only. The page loaders
 * (lib/pages) compute views and sit above the domains, so their caller hands the loader in.
 */
export type ViewLoader<V extends SharedView = SharedView> = (scope: { project: string; projectId: number; target: ReportTarget }) => Promise<V | null>;

/** A new link, returned with its token once; a frozen one captures the report's data now. */
export async function createShareLink({
  project,
  reportId,
  mode,
  expires_in_days,
  loadView,
}: CreateShareLinkInput & { project: string; reportId: string; loadView: ViewLoader }): Promise<CreatedShareLink> {
  const report = await getReportRecord({ project, id: reportId });
  const scope = { projectId: report.projectId, projectName: project, target: parseReportUrl(report.url)! };
  const snapshot = mode === "frozen" ? encodeSnapshot(await takeSnapshot(scope, loadView)) : null;
  const token = randomBytes(24).toString("base64url");
  const db = await getDb();
  const [row] = await db
    .insert(shareLinks)
    .values({
      reportId: report.id,
      tokenHash: hashShareToken(token),
      prefix: token.slice(0, 6),
      mode,
      snapshot,
      expiresAt: expires_in_days ? new Date(Date.now() + expires_in_days * 86_400_000) : null,
    })
    .returning();
  return { ...toShareLinkSummary(row!), token, path: `/r/${token}`, url: `${publicUrl()}/r/${token}` };
}

/** Revokes a link of the report; reads with its token are refused from the next request on. */
export async function revokeShareLink({ project, reportId, linkId }: { project: string; reportId: string; linkId: number }): Promise<ShareLinkSummary> {
  const report = await getReportRecord({ project, id: reportId });
  const db = await getDb();
  const [row] = await db
    .update(shareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(shareLinks.id, linkId), eq(shareLinks.reportId, report.id), isNull(shareLinks.revokedAt)))
    .returning();
  if (!row) throw new AppError("not_found", `No active share link ${linkId} on report ${reportId}`);
  return toShareLinkSummary(row);
}

/** The report behind a token: 404 for a token that never was, 410 once revoked or expired. */
export async function resolveShareLink({ token }: { token: string }): Promise<SharedReport> {
  const unknown = new AppError("not_found", "This share link does not exist", ["token"]);
  if (!shareTokenSchema.safeParse(token).success) throw unknown;
  const db = await getDb();
  const [found] = await db
    .select({ link: shareLinks, report: reports, projectName: projects.name })
    .from(shareLinks)
    .innerJoin(reports, eq(reports.id, shareLinks.reportId))
    .innerJoin(projects, eq(projects.id, reports.projectId))
    .where(eq(shareLinks.tokenHash, hashShareToken(token)));
  if (!found) throw unknown;
  const state = shareLinkState(found.link);
  if (state !== "active") throw new ShareLinkGoneError(state);
  const target = parseReportUrl(found.report.url);
  if (!target) throw unknown;
  const { report, link } = found;
  return {
    report: { title: report.title, note: report.note, view: report.view, url: report.url, created_at: report.createdAt.toISOString() },
    link: { mode: link.mode as ShareMode, created_at: link.createdAt.toISOString(), expires_at: link.expiresAt?.toISOString() ?? null },
    projectId: report.projectId,
    projectName: found.projectName,
    target,
    snapshot: (link.snapshot as Snapshot | null) ?? null,
  };
}

function notShown(what: string): AppError {
  return new AppError("not_found", `This report shows no ${what}`);
}

/** What a frozen link captured under `key`; undefined for a live link, which reads the data as of now. */
function frozen(shared: SharedReport, key: "run" | "metrics" | "diagnostics" | "runs" | "view"): unknown {
  if (shared.link.mode !== "frozen") return undefined;
  // Never fall back to live data: a frozen link shows what it captured or nothing.
  const stored = (shared.snapshot as Record<string, unknown> | null)?.[key];
  if (stored === undefined) throw new AppError("not_found", `This frozen link holds no ${key}`);
  return stored;
}

/** The run a run report shows; never another, even of the same project. */
export async function readSharedRun({ shared }: { shared: SharedReport }): Promise<Run> {
  if (!shared.target.runId) throw notShown("single run");
  await assertRunNotDeleted(shared);
  return (frozen(shared, "run") as Run | undefined) ?? liveRun(shared);
}

/** A deleted run is gone from frozen links too: its copy is data its owner asked to remove. */
async function assertRunNotDeleted(shared: SharedReport): Promise<void> {
  if (shared.link.mode === "frozen") await liveRun(shared);
}

export async function readSharedMetrics({ shared }: { shared: SharedReport }): Promise<Series[]> {
  if (!shared.target.runId) throw notShown("metrics");
  await assertRunNotDeleted(shared);
  const stored = frozen(shared, "metrics") as Series[] | undefined;
  if (stored) return stored.map((s) => ({ ...s, points: s.points.map(decodePoint) }));
  return liveMetrics(shared);
}

export async function readSharedDiagnostics({ shared }: { shared: SharedReport }): Promise<SharedDiagnostics> {
  if (!shared.target.runId) throw notShown("diagnostics");
  await assertRunNotDeleted(shared);
  const stored = frozen(shared, "diagnostics") as SharedDiagnostics | undefined;
  if (stored) return { ...stored, series: mapSeries(stored.series, (points) => points.map(decodePoint)) };
  return liveDiagnostics(shared);
}

/** The runs a runs-table report lists (its saved filter), or the runs another view names in its URL. */
export async function readSharedRuns({ shared }: { shared: SharedReport }): Promise<SharedRuns> {
  if (shared.target.runId) throw notShown("runs table");
  const stored = frozen(shared, "runs") as RunWithMetrics[] | undefined;
  if (!stored) return liveRuns(shared);
  const snapshot = shared.snapshot as unknown as SharedRuns;
  const runs = stored.map((r) => ({ ...r, metrics: mapSeries(r.metrics, (m) => ({ ...m, first: num(m.first), last: num(m.last), min: num(m.min), max: num(m.max) })) }));
  return { runs, summary_keys: snapshot.summary_keys, query_error: snapshot.query_error };
}

/** What a tables, compare, sweeps or DPO-vs-RM report draws: the runs its saved URL selects, in its project only. */
export async function readSharedView<V extends SharedView>({ shared, loadView }: { shared: SharedReport; loadView: ViewLoader<V> }): Promise<V> {
  if (!isDrawnView(shared.target.view)) throw notShown("charts or tables");
  // Built as plain JSON (finite numbers, non-finite ones as strings or counts), so the stored copy needs no decoding.
  return (frozen(shared, "view") as V | undefined) ?? liveView(shared, loadView);
}

async function liveView<V extends SharedView>({ projectId, projectName, target }: Scope, loadView: ViewLoader<V>): Promise<V> {
  const view = await loadView({ project: projectName, projectId, target });
  if (!view) throw notShown("charts or tables");
  return view;
}

async function liveRun({ projectId, target }: Scope): Promise<Run> {
  const { run, project } = await getRunRecord({ db: await getDb(), id: target.runId! });
  // The report was checked when saved; a run moved or deleted since must not open another project's data.
  if (run.projectId !== projectId) throw new AppError("not_found", `Run ${target.runId} does not exist`);
  return toRun(run, project);
}

async function liveMetrics(scope: Scope): Promise<Series[]> {
  const run = await liveRun(scope);
  // The first series by name, as the run page's first pages show them: a run may hold thousands.
  return (await readMetricSeriesPage({ db: await getDb(), runId: run.id, page: { limit: MAX_SHARED_SERIES, offset: 0 }, maxPoints: MAX_POINTS, x: "step" })).series;
}

async function liveDiagnostics(scope: Scope): Promise<SharedDiagnostics> {
  const run = await liveRun(scope);
  const { flags, series, unavailable, summary } = await getRunDiagnostics({ runId: run.id });
  return { flags, unavailable, summary, series: mapSeries(series, (points) => thinPoints(points, MAX_POINTS)) };
}

async function liveRuns({ projectId, target }: Scope): Promise<SharedRuns> {
  const summaryKeys = defaultSummaryKeys(await listProjectMetricNames({ projectId }));
  if (target.view !== "runs") return { runs: await namedRuns(projectId, target, summaryKeys), summary_keys: summaryKeys, query_error: null };
  // Only the filter and the flag come from the saved URL: `project` is the report's, whatever the URL says.
  const q = target.params.get("q")?.slice(0, 500) || undefined;
  const flagParam = target.params.get("flag");
  const flag = isFlagProperty(flagParam) ? flagParam : undefined;
  try {
    const { runs: listed } = await listRuns({ projectId, q, flag, limit: 1000, summary_keys: summaryKeys.join(",") });
    return { runs: listed, summary_keys: summaryKeys, query_error: null };
  } catch (error) {
    if (error instanceof AppError && error.path[0] === "q") return { runs: [], summary_keys: summaryKeys, query_error: error.message };
    throw error;
  }
}

/** Runs a compare or sweep URL names by id (in any query parameter), kept to the report's project. */
async function namedRuns(projectId: number, target: ReportTarget, summaryKeys: string[]): Promise<RunWithMetrics[]> {
  const ids = [...new Set([...target.params.values()].join(",").match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])]
    .map((id) => id.toLowerCase())
    .slice(0, MAX_NAMED_RUNS);
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ run: runColumnsWithHealth(), project: projects.name })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(eq(runs.projectId, projectId), inArray(runs.id, ids), isNull(runs.deletingAt)));
  const summaries = await getMetricSummaries(
    rows.map((r) => r.run.id),
    summaryKeys,
  );
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.map((r) => ({ ...toRun(r.run, r.project), metrics: summaries.get(r.run.id) ?? {} })).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

async function takeSnapshot(scope: Scope, loadView: ViewLoader): Promise<Snapshot> {
  if (!scope.target.runId) {
    const runs = await liveRuns(scope);
    return isDrawnView(scope.target.view) ? { ...runs, view: await liveView(scope, loadView) } : runs;
  }
  const [run, metrics, diagnostics] = [await liveRun(scope), await liveMetrics(scope), await liveDiagnostics(scope)];
  return { run, metrics, diagnostics };
}

/** jsonb has no NaN or ±Infinity: store them as the API spells them, and read them back in readShared*. */
function encodeSnapshot(snapshot: Snapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshot, (_key, value: unknown) => (typeof value === "number" ? encodeNumber(value) : value)));
}

const num = (value: unknown) => decodeNumber(value as number | string | null);
const decodePoint = <P extends { value: number }>(p: P): P => ({ ...p, value: num(p.value) ?? Number.NaN });

function mapSeries<A, B>(record: Record<string, A>, fn: (value: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}
