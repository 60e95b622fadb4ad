import { AppError } from "@/lib/core/errors";
import { handle } from "@/lib/core/http/handler";
import { requireProject } from "@/lib/accounts/server/project-write";
import { revokeApiKey } from "@/lib/accounts/server/api-keys";
import { parseSerialId } from "@/lib/core/validation/numbers";

type Context = { params: Promise<{ project: string; keyId: string }> };

// DELETE /api/v1/projects/:project/keys/:keyId — revoke a key; clients using it get 401 from then on
export const DELETE = handle(async (request, { params }: Context) => {
  const { project, keyId } = await params;
  await requireProject(request, project, "admin");
  const id = parseSerialId(keyId);
  if (id === null) throw new AppError("not_found", `No key ${keyId}`);
  await revokeApiKey({ project, keyId: id });
  return new Response(null, { status: 204 });
});
