import { json } from "@/lib/http/json";
import { resolvePrincipal } from "@/lib/http/access";
import { requireWriteKey } from "@/lib/http/auth";
import { requireProject } from "@/lib/http/project-write";
import { AppError } from "@/lib/errors";
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

// GET /api/v1/runs — runs with config, summary and flags, newest first: a key's project, or `project` for a user
export const GET = handle(async (request) => {
  const principal = await resolvePrincipal(request);
  const query = parseOrThrow(listRunsQuerySchema, searchParamsObject(request));
  if (query.project) await requireProject(request, query.project, "read");
  else if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
  else if (principal.kind === "user" && !principal.user.is_admin) throw new AppError("invalid_body", "project: name the project to list", ["project"]);
  return json(await listRuns({ ...query, projectId: principal.kind === "key" ? principal.key.projectId : undefined }));
});
