import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { requireProject, requireProjectWrite } from "@/lib/http/project-write";
import { readJson } from "@/lib/http/read-body";
import { createReport, listReports } from "@/lib/services/reports";
import { createReportSchema } from "@/lib/validation/reports";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project/reports — saved views, newest first, with their share links (prefixes only)
export const GET = handle(async (request, { params }: Context) => {
  const { project } = await params;
  await requireProject(request, project, "read");
  return json({ reports: await listReports({ project }) });
});

// POST /api/v1/projects/:project/reports — save a view {title, note?, url, view?}; from the dashboard or a write key
export const POST = handle(async (request, { params }: Context) => {
  const { project } = await params;
  const body = (await readJson(request)) as Record<string, unknown>;
  const input = parseOrThrow(createReportSchema, { ...body, project });
  await requireProjectWrite(request, project);
  return json(await createReport(input), { status: 201 });
});
