import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { readMetricSeries } from "@/lib/metrics/server/metric-series";
import { getMetricSummaries } from "@/lib/runs/server/run-list";
import { getRunDiagnostics } from "@/lib/diagnostics/server/run-diagnostics";
import { runHealthCase } from "@/lib/runs/health-sql";
import type { LiveEventName, LiveFlagsEvent, LiveMetricsEvent, LiveRunPatch, LiveSequencesEvent } from "../contract";
import type { ChangeRow } from "./change-rows";
import { stepSpan } from "./record-change";

/** One server-sent event: `id` is the newest change it carries (what a reconnecting viewer resumes after). */
export type LiveEvent = { name: LiveEventName; id?: number; data: unknown };

/** What the viewers of a batch of one run's changes want: its points, flags and diagnostics; its project's row. */
export type Wanted = { points: boolean; row: boolean };

/** Points one event carries per key at most; a longer write arrives min/max-sampled (the viewer reads detail on zoom). */
const MAX_EVENT_POINTS = 5_000;

function stepRange(changes: ChangeRow[]): { from?: number; to?: number } {
  const span = stepSpan(changes.flatMap((c) => [c.stepMin, c.stepMax].filter((s): s is number => s !== null)));
  return span.stepMin === undefined ? {} : { from: span.stepMin, to: span.stepMax };
}

async function metricsEvent(db: Db, runId: string, changes: ChangeRow[]): Promise<LiveMetricsEvent | null> {
  const keys = [...new Set(changes.flatMap((c) => c.keys ?? []))];
  if (keys.length === 0) return null;
  const series = await readMetricSeries({ db, runId, keys, maxPoints: MAX_EVENT_POINTS, x: "step", ...stepRange(changes) });
  return { run: runId, series: series.map((s) => ({ key: s.key, points: s.points })) };
}

async function flagsEvent(db: Db, runId: string): Promise<LiveFlagsEvent | null> {
  const [row] = await queryRows<{ flags: LiveFlagsEvent["flags"]; flag_level: number }>(db, sql`select flags, flag_level from runs where id = ${runId} and deleting_at is null`);
  if (!row) return null;
  // Computed once per instance for all of the run's viewers, instead of each reading it again.
  const diagnostics = await getRunDiagnostics({ runId }).catch(() => null);
  return {
    run: runId,
    flags: row.flags,
    flag_level: Number(row.flag_level),
    diagnostics: diagnostics && { run_id: runId, series: diagnostics.series, flags: diagnostics.flags, unavailable: diagnostics.unavailable, summary: diagnostics.summary },
  };
}

/** Runs' rows as the runs table follows them, with the summaries of the keys just written. */
async function runPatches(db: Db, runIds: string[], keys: string[]): Promise<LiveRunPatch[]> {
  const rows = await queryRows<Omit<LiveRunPatch, "metrics" | "updated_at" | "last_seen_at"> & { updated_at: string | Date; last_seen_at: string | Date }>(
    db,
    sql`select r.id, r.name, r.status, r.flags, r.flag_level, r.diagnostics, r.updated_at, r.last_seen_at, ${runHealthCase(sql`r.status`, sql`r.last_seen_at`)} as health,
          (select max(last_step)::float8 from metric_keys k where k.run_id = r.id) as last_step,
          (select case when count(*) >= 2 and max(c.created_at) > min(c.created_at)
                  then (max(c.step_max) - min(c.step_max))::float8 / extract(epoch from max(c.created_at) - min(c.created_at))::float8 end
             from run_changes c where c.run_id = r.id and c.kind = 'metrics' and c.created_at > now() - interval '60 seconds') as steps_per_second
        from runs r where r.id = any(${textArrayLiteral(runIds)}::uuid[]) and r.deleting_at is null`,
  );
  const summaries = await getMetricSummaries(runIds, keys);
  return rows.map((r) => ({
    ...r,
    flag_level: Number(r.flag_level),
    updated_at: new Date(r.updated_at).toISOString(),
    last_seen_at: new Date(r.last_seen_at).toISOString(),
    last_step: r.last_step === null ? null : Number(r.last_step),
    steps_per_second: r.steps_per_second === null ? null : Number(r.steps_per_second),
    metrics: summaries.get(r.id) ?? {},
  }));
}

/**
 * The events a batch of one run's changes makes, read once for all of this instance's viewers: points of the
 * keys written (one read over the batch's step range), flags and diagnostics after a recomputation, a note that
 * pairs landed, and the run's row for its project's viewers.
 */
export async function eventsForRun(db: Db, runId: string, changes: ChangeRow[], wanted: Wanted): Promise<{ run: LiveEvent[]; row: LiveEvent[] }> {
  const id = changes.reduce((newest, c) => Math.max(newest, c.id), 0);
  const of = (kind: ChangeRow["kind"]) => changes.filter((c) => c.kind === kind);
  const run: LiveEvent[] = [];
  const row: LiveEvent[] = [];
  if (wanted.points) {
    const metrics = of("metrics").length ? await metricsEvent(db, runId, of("metrics")) : null;
    if (metrics) run.push({ name: "metrics", id, data: metrics });
    const sequences = of("sequences");
    if (sequences.length) {
      const range = stepRange(sequences);
      run.push({ name: "sequences", id, data: { run: runId, step_min: range.from ?? null, step_max: range.to ?? null } satisfies LiveSequencesEvent });
    }
    const flags = of("flags").length ? await flagsEvent(db, runId) : null;
    if (flags) run.push({ name: "flags", id, data: flags });
  }
  if (wanted.row) {
    const keys = [...new Set(of("metrics").flatMap((c) => c.keys ?? []))];
    const patches = await runPatches(db, [runId], keys);
    if (patches.length) row.push({ name: "runs", id, data: { runs: patches } });
  }
  return { run, row };
}

/** The rows of runs a viewer starts to follow (runs that joined a drawn view's filter): no id, as it resumes nothing. */
export async function joinedRowsEvent(db: Db, runIds: string[]): Promise<LiveEvent | null> {
  const patches = await runPatches(db, runIds, []);
  return patches.length ? { name: "runs", data: { runs: patches } } : null;
}
