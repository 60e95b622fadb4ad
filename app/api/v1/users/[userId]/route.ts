import { AppError } from "@/lib/core/errors";
import { requireSiteAdmin, resolvePrincipal } from "@/lib/accounts/server/access";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { beginSignIn } from "@/lib/accounts/server/sign-in-throttle";
import { authenticateUser, updateUser, type User } from "@/lib/accounts/server/users";
import { updateUserSchema } from "@/lib/accounts/contract";
import { parseSerialId } from "@/lib/core/validation/numbers";

type Context = { params: Promise<{ userId: string }> };

/** Changing one's own password proves the old one first, throttled like a sign-in (it is one). */
async function requireCurrentPassword(request: Request, user: User, current: string | undefined): Promise<void> {
  if (current === undefined) throw new AppError("invalid_body", "current_password is required to change your own password", ["current_password"]);
  const attempt = beginSignIn(request, user.username);
  try {
    await authenticateUser({ username: user.username, password: current });
  } catch (error) {
    attempt.failed(error);
    if (error instanceof AppError && error.code === "unauthorized") throw new AppError("forbidden", "current_password is not your current password", ["current_password"]);
    throw error;
  }
  attempt.succeeded();
}

// PATCH /api/v1/users/:userId — {password?, current_password?, is_admin?, disabled?}: site admins; anyone may change
// their own password, giving the current one (a site admin resetting someone else's needs no current_password)
export const PATCH = handle(async (request, { params }: Context) => {
  const id = parseSerialId((await params).userId);
  if (id === null) throw new AppError("not_found", `No user ${(await params).userId}`);
  const principal = await resolvePrincipal(request);
  const input = parseOrThrow(updateUserSchema, await readJson(request));
  const self = principal.kind === "user" && principal.user.id === id && principal.csrfOk;
  if (!(self && input.is_admin === undefined && input.disabled === undefined)) await requireSiteAdmin(request);
  if (self && input.password !== undefined) await requireCurrentPassword(request, principal.user, input.current_password);
  return json({ user: await updateUser({ id, isAdmin: input.is_admin, password: input.password, disabled: input.disabled }) });
});
