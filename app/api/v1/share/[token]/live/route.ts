import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { AppError } from "@/lib/core/errors";
import { drawsByFilter, loadSharedViewRunIds } from "@/lib/pages/shared-view-runs";
import { readSharedRun, readSharedRuns, resolveShareLink, type SharedReport } from "@/lib/reports/server/share-links";
import { isDrawnView } from "@/lib/reports/contract";
import { sharedLiveQuerySchema } from "@/lib/live/contract";
import { followChanges, resumePoint, type Membership } from "@/lib/live/server/follow";
import type { Interest } from "@/lib/live/server/hub";

type Context = { params: Promise<{ token: string }> };

/** The runs whose changes a live link's page shows, and nothing else of the project. */
async function followedBy(shared: SharedReport): Promise<{ interest: Interest; membership?: Membership }> {
  const { runId, view } = shared.target;
  if (runId) {
    // The report's run, checked as its other endpoints check it (still there, still of the report's project).
    await readSharedRun({ shared });
    return { interest: { projectId: null, runs: new Set([runId]) } };
  }
  if (!isDrawnView(view)) {
    const runIds = async () => (await readSharedRuns({ shared })).runs.map((r) => r.id);
    // A runs report's filter can take in a later run; other views name their runs in the URL.
    const membership = view === "runs" ? { projectId: shared.projectId, runIds } : undefined;
    return { interest: { projectId: null, runs: new Set(), rows: new Set(await runIds()) }, membership };
  }
  // A drawn view is drawn again on the server when its runs change: their rows say when, without their points.
  const scope = { project: shared.projectName, projectId: shared.projectId, target: shared.target };
  const runIds = async () => (await loadSharedViewRunIds(scope)) ?? [];
  const membership = drawsByFilter(view) ? { projectId: shared.projectId, runIds } : undefined;
  return { interest: { projectId: null, runs: new Set(), rows: new Set(await runIds()) }, membership };
}

// GET /api/v1/share/:token/live — server-sent events for a live link: its run's points, flags and diagnostics, or
// the rows of the runs its runs report lists or its drawn view (tables, compare, sweeps, DPO vs RM) draws, a run
// that joins the view's filter included; never anything else of the project
export const GET = handle(async (request, { params }: Context) => {
  const query = parseOrThrow(sharedLiveQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  if (shared.link.mode !== "live") throw new AppError("not_found", "A frozen link does not change: it has no live stream");
  const { interest, membership } = await followedBy(shared);
  return followChanges(request, interest, resumePoint(request, query.since), membership);
});
