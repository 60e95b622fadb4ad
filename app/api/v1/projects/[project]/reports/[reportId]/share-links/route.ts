import { loadSharedView } from "@/lib/pages/shared-view";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { requireProject } from "@/lib/accounts/server/project-write";
import { readJson } from "@/lib/core/http/read-body";
import { getReport } from "@/lib/reports/server/reports";
import { createShareLink } from "@/lib/reports/server/share-links";
import { createShareLinkSchema } from "@/lib/reports/contract";

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
  return json(await createShareLink({ ...input, project, reportId, loadView: loadSharedView }), { status: 201, headers: { "cache-control": "no-store" } });
});
