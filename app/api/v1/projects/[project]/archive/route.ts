import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { requireProject } from "@/lib/http/project-write";
import { setProjectArchived } from "@/lib/services/lifecycle";
import { toProjectBody } from "@/lib/services/projects";

type Context = { params: Promise<{ project: string }> };

// POST /api/v1/projects/:project/archive — hide the project from the projects page (restorable); a project admin's
export const POST = handle(async (request, { params }: Context) => {
  const project = await requireProject(request, (await params).project, "admin");
  return json(toProjectBody(await setProjectArchived({ project, archived: true })));
});
