import { AppError } from "@/lib/errors";
import { requireSiteAdmin } from "@/lib/http/access";
import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { findProjectByName, getOrCreateProject } from "@/lib/services/projects";
import { createProjectSchema } from "@/lib/validation/accounts";

// POST /api/v1/projects — {name}: a new, empty project (site admins; anyone in local mode's dashboard)
export const POST = handle(async (request) => {
  await requireSiteAdmin(request);
  const { name } = parseOrThrow(createProjectSchema, await readJson(request));
  if (await findProjectByName({ name })) throw new AppError("conflict", `Project "${name}" already exists`, ["name"]);
  const project = await getOrCreateProject({ name });
  return json({ name: project.name, settings: project.settings, created_at: project.createdAt.toISOString() }, { status: 201 });
});
