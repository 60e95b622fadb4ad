import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { requireProject } from "@/lib/accounts/server/project-write";
import { readJson } from "@/lib/core/http/read-body";
import { listMembers, setMember } from "@/lib/accounts/server/members";
import { setMemberSchema } from "@/lib/accounts/contract";

type Context = { params: Promise<{ project: string }> };

// GET /api/v1/projects/:project/members — who may see the project, and with which role (its members may ask)
export const GET = handle(async (request, { params }: Context) => {
  const { project } = await params;
  await requireProject(request, project, "read");
  return json({ members: await listMembers({ project }) });
});

// PUT /api/v1/projects/:project/members — {username, role}: add a member or change their role (project admins)
export const PUT = handle(async (request, { params }: Context) => {
  const { project } = await params;
  await requireProject(request, project, "admin");
  const input = parseOrThrow(setMemberSchema, await readJson(request));
  return json({ member: await setMember({ project, ...input }) });
});
