import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handler";
import { requireProjectWrite } from "@/lib/http/project-write";
import { revokeShareLink } from "@/lib/services/share-links";

type Context = { params: Promise<{ project: string; reportId: string; linkId: string }> };

// DELETE /api/v1/projects/:project/reports/:reportId/share-links/:linkId — revoke; the token reads 410 from then on
export const DELETE = handle(async (request, { params }: Context) => {
  const { project, reportId, linkId } = await params;
  const id = Number(linkId);
  if (!Number.isSafeInteger(id)) throw new AppError("not_found", `No share link ${linkId}`);
  await requireProjectWrite(request, project);
  await revokeShareLink({ project, reportId, linkId: id });
  return new Response(null, { status: 204 });
});
