import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { resolvePrincipal } from "@/lib/accounts/server/access";
import { requireWriteKey } from "@/lib/accounts/server/key-auth";
import { requireProject } from "@/lib/accounts/server/project-write";
import { AppError } from "@/lib/core/errors";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { listRuns } from "@/lib/runs/server/run-list";
import { createOrResumeRun } from "@/lib/runs/server/runs";
import { createRunSchema, listRunsQuerySchema } from "@/lib/runs/contract";

// POST /api/v1/runs — create a run, or resume it when its id exists
export const POST = handle(async (request) => {
  const principal = await requireWriteKey(request);
  const input = parseOrThrow(createRunSchema, await readJson(request));
  const { created, run } = await createOrResumeRun({ db: await getDb(), input, projectId: principal.projectId });
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
