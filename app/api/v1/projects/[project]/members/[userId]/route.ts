import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handler";
import { requireProject } from "@/lib/http/project-write";
import { removeMember } from "@/lib/services/members";
import { parseSerialId } from "@/lib/validation/numbers";

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
