import { json } from "@/lib/http/json";
import { handle } from "@/lib/http/handler";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { createApiKey, listApiKeys } from "@/lib/services/api-keys";
import { createKeySchema } from "@/lib/validation/keys";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project/keys — the project's keys (prefixes only; keys are never shown again)
export const GET = handle(async (_request, { params }: Context) => {
  return json({ keys: await listApiKeys({ project: (await params).project }) });
});

// POST /api/v1/projects/:project/keys — a new key, returned once (the dashboard is open until accounts exist)
export const POST = handle(async (request, { params }: Context) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  const input = parseOrThrow(createKeySchema, { ...body, project: (await params).project });
  return json(await createApiKey(input), { status: 201 });
});
