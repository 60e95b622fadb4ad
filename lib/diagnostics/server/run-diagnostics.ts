import "server-only";
import { recordChange } from "@/lib/live/server/record-change";
import { and, eq, isNull, lt, lte, or } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import { encodeNumber } from "@/lib/core/validation/wire-numbers";
import { getDb } from "@/lib/core/db";
import { runs } from "@/lib/core/db/schema";
import { computeDiagnostics, type DiagnosticFlag, type DiagnosticsResult, type ThresholdOverrides } from "..";
import { publicUrl } from "@/lib/core/public-url";
import type { ProjectSettings } from "@/lib/projects/contract";
import type { UpdateRunInput } from "@/lib/runs/contract";
import type { IngestResult } from "@/lib/metrics/server/ingest";
import { recomputeInTurn, scheduleFlagRecompute } from "./flag-scheduler";
import { announceFlag, SEVERITY_RANK } from "./notify";
import { getProjectByName } from "@/lib/projects/server/projects";
import { loadRunInput } from "./run-input";
import { getRunRecord } from "@/lib/runs/server/runs";

/** The run's 3D-property diagnostics, computed from what is stored now, with its project's thresholds. */
export async function getRunDiagnostics({
  runId,
  split = "train",
}: {
  runId: string;
  split?: string;
}): Promise<DiagnosticsResult & { run: { id: string; name: string; project: string } }> {
  const db = await getDb();
  const { run, project } = await getRunRecord({ db, id: runId });
  const settings = (await getProjectByName({ db, name: project })).settings as ProjectSettings;
  const input = await loadRunInput({ db, runId, algorithm: run.algorithm, config: run.config, split });
  const result = computeDiagnostics(input, { split, thresholds: settings.thresholds as ThresholdOverrides | undefined });
  return { ...result, run: { id: run.id, name: run.name, project } };
}

export function flagLevel(flags: DiagnosticFlag[]): number {
  return Math.max(0, ...flags.map((f) => SEVERITY_RANK[f.severity] ?? 0));
}

/** Each diagnostics series' latest value, named without its `diag/` prefix, numbers as the wire writes them. */
function latestDiagnostics(last: Record<string, number>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(last)) if (name.startsWith("diag/")) out[name.slice(5)] = encodeNumber(value);
  return out;
}

/** Recomputes and stores a run's flags; announces new or risen ones to the project's webhook. */
export async function recomputeRunFlags(runId: string): Promise<DiagnosticFlag[]> {
  // The run's write count, read before its data: a write committed during the computation (or still uncommitted
  // when it is read) counts past it, so the run stays due and is computed again.
  const db = await getDb();
  const [seen] = await db.select({ writeSeq: runs.writeSeq }).from(runs).where(eq(runs.id, runId));
  const readAt = new Date();
  const result = seen
    ? await getRunDiagnostics({ runId }).catch((error: unknown) => {
        // Deleted since the recomputation was scheduled: nothing to compute, nothing to announce.
        if (error instanceof AppError && error.code === "not_found") return null;
        throw error;
      })
    : null;
  if (!result || !seen) return [];
  await db
    .update(runs)
    .set({ flags: result.flags, flagLevel: flagLevel(result.flags), diagnostics: latestDiagnostics(result.summary.last), flagsComputedAt: readAt, flagsSeq: seen.writeSeq })
    // Another instance's later computation (it read more writes) is not overwritten by an earlier one.
    .where(and(eq(runs.id, runId), or(isNull(runs.flagsSeq), lte(runs.flagsSeq, seen.writeSeq))));
  await recordChange(db, { runId, kind: "flags" });
  const settings = (await getProjectByName({ name: result.run.project })).settings as ProjectSettings;
  if (settings.webhook_url) {
    const link = `${publicUrl()}/p/${encodeURIComponent(result.run.project)}/runs/${runId}`;
    for (const flag of result.flags) {
      await announceFlag(settings.webhook_url, {
        project: result.run.project,
        runId,
        runName: result.run.name,
        property: flag.property,
        severity: flag.severity,
        firstStep: flag.first_step,
        evidence: flag.evidence,
        link,
      });
    }
  }
  return result.flags;
}

/** After a write to a run: recompute soon, once per burst of writes (see flag-scheduler). */
export function flagsTouched(runId: string): void {
  scheduleFlagRecompute(runId, async (id) => {
    await recomputeRunFlags(id);
  });
}

/**
 * After an ingest batch (metrics or sequences), whoever wrote it asks here: the write services cannot, since the
 * diagnostics read through them. A replayed batch id or an empty batch changed nothing.
 */
export function flagsTouchedByBatch(runId: string, result: IngestResult): void {
  if (!result.duplicate && result.accepted > 0) flagsTouched(runId);
}

/** After `updateRun`: a finished run, a resumed one, or a new config (β) can change its flags. */
export function flagsTouchedByUpdate(runId: string, input: UpdateRunInput): void {
  if (input.status || input.resume_from_step !== undefined || input.config || input.algorithm) flagsTouched(runId);
}

/**
 * Flags a server still owed when it stopped (killed, crashed, restarted within the debounce): runs written after
 * their flags were last computed. Recomputed one run at a time, so a restart does not stampede the database.
 */
export async function recomputePendingFlags(): Promise<number> {
  const db = await getDb();
  const pending = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(isNull(runs.deletingAt), or(isNull(runs.flagsSeq), lt(runs.flagsSeq, runs.writeSeq))));
  for (const { id } of pending) {
    await recomputeInTurn(id, async (runId) => {
      await recomputeRunFlags(runId);
    });
  }
  return pending.length;
}
