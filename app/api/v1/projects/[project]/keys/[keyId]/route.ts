import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handler";
import { revokeApiKey } from "@/lib/services/api-keys";

type Context = { params: Promise<{ project: string; keyId: string }> };

// DELETE /api/v1/projects/:project/keys/:keyId — revoke a key; clients using it get 401 from then on
export const DELETE = handle(async (_request, { params }: Context) => {
  const { project, keyId } = await params;
  const id = Number(keyId);
  if (!Number.isInteger(id)) throw new AppError("not_found", `No key ${keyId}`);
  await revokeApiKey({ project, keyId: id });
  return new Response(null, { status: 204 });
});
