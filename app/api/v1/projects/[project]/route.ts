import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { requireProject } from "@/lib/accounts/server/project-write";
import { readJson } from "@/lib/core/http/read-body";
import { deleteProject } from "@/lib/runs/server/lifecycle";
import { toProjectBody, updateProjectSettings } from "@/lib/projects/server/projects";
import { projectSettingsSchema } from "@/lib/projects/contract";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project — the project and its settings (webhook, flag thresholds)
export const GET = handle(async (request, { params }: Context) => {
  return json(toProjectBody(await requireProject(request, (await params).project, "read")));
});

// PATCH /api/v1/projects/:project — settings: {webhook_url?, thresholds?}; a project admin's
export const PATCH = handle(async (request, { params }: Context) => {
  await requireProject(request, (await params).project, "admin");
  const input = parseOrThrow(projectSettingsSchema, await readJson(request));
  return json(toProjectBody(await updateProjectSettings({ name: (await params).project, input })));
});

// DELETE /api/v1/projects/:project — the project with its runs, keys, members, reports and share links; a project admin's
export const DELETE = handle(async (request, { params }: Context) => {
  const project = await requireProject(request, (await params).project, "admin");
  return json({ ...(await deleteProject({ project })), deleted: true });
});
