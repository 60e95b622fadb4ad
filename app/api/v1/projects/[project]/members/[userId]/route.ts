import { AppError } from "@/lib/core/errors";
import { handle } from "@/lib/core/http/handler";
import { requireProject } from "@/lib/accounts/server/project-write";
import { removeMember } from "@/lib/accounts/server/members";
import { parseSerialId } from "@/lib/core/validation/numbers";

type Context = { params: Promise<{ project: string; userId: string }> };

// DELETE /api/v1/projects/:project/members/:userId — remove a member (project admins)
export const DELETE = handle(async (request, { params }: Context) => {
  const { project, userId } = await params;
  await requireProject(request, project, "admin");
  // "2.0", "0x2" and 2^31 name no user: 404, never user 2 or an int4 overflow.
  const id = parseSerialId(userId);
  if (id === null) throw new AppError("not_found", `No member ${userId}`);
  await removeMember({ project, userId: id });
  return new Response(null, { status: 204 });
});
