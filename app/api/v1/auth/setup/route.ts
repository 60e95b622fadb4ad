import { AppError } from "@/lib/core/errors";
import { resolvePrincipal } from "@/lib/accounts/server/access";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { refuseCrossSite, sessionCookies, withCookies } from "@/lib/accounts/server/session-cookies";
import { createSession } from "@/lib/accounts/server/sessions";
import { createUser } from "@/lib/accounts/server/users";
import { createUserSchema } from "@/lib/accounts/contract";

// POST /api/v1/auth/setup — {username, password}: the first admin, from this machine's browser; turns sign-in on
export const POST = handle(async (request) => {
  refuseCrossSite(request);
  const principal = await resolvePrincipal(request);
  if (principal.kind !== "local") throw new AppError("conflict", "PrefScope is already set up: sign in instead");
  if (!principal.trusted) throw new AppError("forbidden", "Set up from the dashboard's page, or with `npx prefscope users create --admin`");
  const input = parseOrThrow(createUserSchema.omit({ is_admin: true }), await readJson(request));
  const user = await createUser({ username: input.username, password: input.password, isAdmin: true, onlyIfFirst: true });
  const session = await createSession({ userId: user.id });
  return withCookies(json({ user }, { status: 201 }), sessionCookies(request, session.token, session.expiresAt));
});
