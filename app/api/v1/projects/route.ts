import { AppError } from "@/lib/core/errors";
import { requireSiteAdmin } from "@/lib/accounts/server/access";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { findProjectByName, getOrCreateProject } from "@/lib/projects/server/projects";
import { createProjectSchema } from "@/lib/accounts/contract";

// POST /api/v1/projects — {name}: a new, empty project (site admins; anyone in local mode's dashboard)
export const POST = handle(async (request) => {
  await requireSiteAdmin(request);
  const { name } = parseOrThrow(createProjectSchema, await readJson(request));
  if (await findProjectByName({ name })) throw new AppError("conflict", `Project "${name}" already exists`, ["name"]);
  const project = await getOrCreateProject({ name });
  return json({ name: project.name, settings: project.settings, created_at: project.createdAt.toISOString() }, { status: 201 });
});
