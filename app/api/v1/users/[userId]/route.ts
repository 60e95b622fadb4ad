import { AppError } from "@/lib/errors";
import { requireSiteAdmin, resolvePrincipal } from "@/lib/http/access";
import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { updateUser } from "@/lib/services/users";
import { updateUserSchema } from "@/lib/validation/accounts";
import { parseSerialId } from "@/lib/validation/numbers";

type Context = { params: Promise<{ userId: string }> };

// PATCH /api/v1/users/:userId — {password?, is_admin?, disabled?}: site admins; anyone may change their own password
export const PATCH = handle(async (request, { params }: Context) => {
  const id = parseSerialId((await params).userId);
  if (id === null) throw new AppError("not_found", `No user ${(await params).userId}`);
  const principal = await resolvePrincipal(request);
  const input = parseOrThrow(updateUserSchema, await readJson(request));
  const self = principal.kind === "user" && principal.user.id === id && principal.csrfOk;
  if (!(self && input.is_admin === undefined && input.disabled === undefined)) await requireSiteAdmin(request);
  return json({ user: await updateUser({ id, isAdmin: input.is_admin, password: input.password, disabled: input.disabled }) });
});
