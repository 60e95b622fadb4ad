import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { requireProject } from "@/lib/http/project-write";
import { readJson } from "@/lib/http/read-body";
import { getReport } from "@/lib/services/reports";
import { createShareLink } from "@/lib/services/share-links";
import { createShareLinkSchema } from "@/lib/validation/reports";

type Context = { params: Promise<{ project: string; reportId: string }> };

// GET /api/v1/projects/:project/reports/:reportId/share-links — the report's links (prefixes, never tokens)
export const GET = handle(async (request, { params }: Context) => {
  const { project, reportId } = await params;
  await requireProject(request, project, "read");
  return json({ share_links: (await getReport({ project, id: reportId })).share_links });
});

// POST /api/v1/projects/:project/reports/:reportId/share-links — {mode, expires_in_days?}; the token is returned once
export const POST = handle(async (request, { params }: Context) => {
  const { project, reportId } = await params;
  const input = parseOrThrow(createShareLinkSchema, await readJson(request));
  await requireProject(request, project, "edit");
  return json(await createShareLink({ ...input, project, reportId }), { status: 201, headers: { "cache-control": "no-store" } });
});
