import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { getProjectByName, updateProjectSettings } from "@/lib/services/projects";
import { projectSettingsSchema } from "@/lib/validation/projects";

type Context = { params: Promise<{ project: string }> };

function toProject(p: Awaited<ReturnType<typeof getProjectByName>>) {
  return { name: p.name, settings: p.settings, created_at: p.createdAt.toISOString() };
}

// GET /api/v1/projects/:project — the project and its settings (webhook, flag thresholds)
export const GET = handle(async (_request, { params }: Context) => {
  return json(toProject(await getProjectByName({ name: (await params).project })));
});

// PATCH /api/v1/projects/:project — settings: {webhook_url?, thresholds?} (open until accounts exist)
export const PATCH = handle(async (request, { params }: Context) => {
  const input = parseOrThrow(projectSettingsSchema, await readJson(request));
  return json(toProject(await updateProjectSettings({ name: (await params).project, input })));
});
