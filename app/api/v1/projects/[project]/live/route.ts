import { getDb } from "@/lib/core/db";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireProject } from "@/lib/accounts/server/project-write";
import { liveQuerySchema } from "@/lib/live/contract";
import { followChanges, resumePoint } from "@/lib/live/server/follow";
import { requireProjectRuns } from "@/lib/live/server/project-runs";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project/live — server-sent events: the project's run rows as they change, and the points,
// flags and diagnostics of the runs named in `runs`; resumes after `Last-Event-ID` (or `since`)
export const GET = handle(async (request, { params }: Context) => {
  const project = await requireProject(request, (await params).project, "read");
  const query = parseOrThrow(liveQuerySchema, searchParamsObject(request));
  await requireProjectRuns(await getDb(), project.id, query.runs);
  return followChanges(request, { projectId: project.id, runs: new Set(query.runs) }, resumePoint(request, query.since));
});
