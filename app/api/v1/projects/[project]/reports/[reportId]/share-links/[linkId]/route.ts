import { AppError } from "@/lib/core/errors";
import { handle } from "@/lib/core/http/handler";
import { requireProject } from "@/lib/accounts/server/project-write";
import { revokeShareLink } from "@/lib/reports/server/share-links";
import { parseSerialId } from "@/lib/core/validation/numbers";

type Context = { params: Promise<{ project: string; reportId: string; linkId: string }> };

// DELETE /api/v1/projects/:project/reports/:reportId/share-links/:linkId — revoke; the token reads 410 from then on
export const DELETE = handle(async (request, { params }: Context) => {
  const { project, reportId, linkId } = await params;
  const id = parseSerialId(linkId);
  if (id === null) throw new AppError("not_found", `No share link ${linkId}`);
  await requireProject(request, project, "edit");
  await revokeShareLink({ project, reportId, linkId: id });
  return new Response(null, { status: 204 });
});
