import { AppError } from "@/lib/errors";
import { resolvePrincipal } from "@/lib/http/access";
import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { refuseCrossSite, sessionCookies, withCookies } from "@/lib/http/session-cookies";
import { createSession } from "@/lib/services/sessions";
import { createUser } from "@/lib/services/users";
import { createUserSchema } from "@/lib/validation/accounts";

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
