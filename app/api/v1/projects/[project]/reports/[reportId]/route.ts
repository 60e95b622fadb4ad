import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { requireProject } from "@/lib/accounts/server/project-write";
import { deleteReport, getReport } from "@/lib/reports/server/reports";

type Context = { params: Promise<{ project: string; reportId: string }> };

// GET /api/v1/projects/:project/reports/:reportId — one report with its share links
export const GET = handle(async (request, { params }: Context) => {
  const { project, reportId } = await params;
  await requireProject(request, project, "read");
  return json(await getReport({ project, id: reportId }));
});

// DELETE /api/v1/projects/:project/reports/:reportId — delete a report; its share links stop working with it
export const DELETE = handle(async (request, { params }: Context) => {
  const { project, reportId } = await params;
  await requireProject(request, project, "edit");
  await deleteReport({ project, id: reportId });
  return new Response(null, { status: 204 });
});
