import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { requireProject, requireProjectWrite } from "@/lib/accounts/server/project-write";
import { readJson } from "@/lib/core/http/read-body";
import { createReport, listReports } from "@/lib/reports/server/reports";
import { createReportSchema } from "@/lib/reports/contract";

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
