import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { requireProject } from "@/lib/accounts/server/project-write";
import { setProjectArchived } from "@/lib/runs/server/lifecycle";
import { toProjectBody } from "@/lib/projects/server/projects";

type Context = { params: Promise<{ project: string }> };

// POST /api/v1/projects/:project/restore — bring an archived project back to the projects page; a project admin's
export const POST = handle(async (request, { params }: Context) => {
  const project = await requireProject(request, (await params).project, "admin");
  return json(toProjectBody(await setProjectArchived({ project, archived: false })));
});
