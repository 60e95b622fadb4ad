import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { AppError } from "@/lib/core/errors";
import { readSharedRun, readSharedRuns, resolveShareLink } from "@/lib/reports/server/share-links";
import { sharedLiveQuerySchema } from "@/lib/live/contract";
import { followChanges, resumePoint } from "@/lib/live/server/follow";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token/live — server-sent events for a live link: its run's points, flags and diagnostics, or
// the rows of the runs its runs report lists; never anything else of the project
export const GET = handle(async (request, { params }: Context) => {
  const query = parseOrThrow(sharedLiveQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  if (shared.link.mode !== "live") throw new AppError("not_found", "A frozen link does not change: it has no live stream");
  const runId = shared.target.runId;
  // The report's run, checked as its other endpoints check it (still there, still of the report's project).
  if (runId) await readSharedRun({ shared });
  const interest = runId
    ? { projectId: null, runs: new Set([runId]) }
    : { projectId: null, runs: new Set<string>(), rows: new Set((await readSharedRuns({ shared })).runs.map((r) => r.id)) };
  return followChanges(request, interest, resumePoint(request, query.since));
});
