import { json } from "@/lib/core/http/json";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow } from "@/lib/core/http/parse";
import { requireProject, requireProjectAdminOrCreator } from "@/lib/accounts/server/project-write";
import { readJson } from "@/lib/core/http/read-body";
import { createApiKey, listApiKeys } from "@/lib/accounts/server/api-keys";
import { createKeySchema } from "@/lib/accounts/contract";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project/keys — the project's keys (prefixes only; keys are never shown again)
export const GET = handle(async (request, { params }: Context) => {
  const { project } = await params;
  await requireProject(request, project, "admin");
  return json({ keys: await listApiKeys({ project }) });
});

// POST /api/v1/projects/:project/keys — a new key, returned once; a project admin's (creates the project for a site admin)
export const POST = handle(async (request, { params }: Context) => {
  await requireProjectAdminOrCreator(request, (await params).project);
  const body = (await readJson(request)) as Record<string, unknown>;
  const input = parseOrThrow(createKeySchema, { ...body, project: (await params).project });
  return json(await createApiKey(input), { status: 201 });
});
