import { json } from "@/lib/http/json";
import { requireWriteKey, optionalReadKey } from "@/lib/http/auth";
import { handle } from "@/lib/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { listRuns } from "@/lib/services/run-list";
import { createOrResumeRun } from "@/lib/services/runs";
import { createRunSchema, listRunsQuerySchema } from "@/lib/validation/runs";

// POST /api/v1/runs — create a run, or resume it when its id exists
export const POST = handle(async (request) => {
  const principal = await requireWriteKey(request);
  const input = parseOrThrow(createRunSchema, await readJson(request));
  const { created, run } = await createOrResumeRun({ input, projectId: principal.projectId });
  return json(run, { status: created ? 201 : 200 });
});

// GET /api/v1/runs — runs with config, summary and flags, newest first
export const GET = handle(async (request) => {
  const principal = await optionalReadKey(request);
  const query = parseOrThrow(listRunsQuerySchema, searchParamsObject(request));
  return json(await listRuns({ ...query, projectId: principal?.projectId }));
});
