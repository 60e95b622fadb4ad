import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { refuseCrossSite, sessionCookies, withCookies } from "@/lib/accounts/server/session-cookies";
import { beginSignIn } from "@/lib/accounts/server/sign-in-throttle";
import { createSession } from "@/lib/accounts/server/sessions";
import { authenticateUser } from "@/lib/accounts/server/users";
import { credentialsSchema } from "@/lib/accounts/contract";

// POST /api/v1/auth/login — {username, password}: sets the session cookie (httpOnly, SameSite=Lax) and the CSRF cookie;
// 429 with Retry-After after too many failures from one address or for one username, 503 when hashing is queued full
export const POST = handle(async (request) => {
  refuseCrossSite(request);
  const input = parseOrThrow(credentialsSchema, await readJson(request));
  const attempt = beginSignIn(request, input.username);
  const user = await authenticateUser(input).catch((error: unknown) => {
    attempt.failed(error);
    throw error;
  });
  attempt.succeeded();
  const session = await createSession({ userId: user.id });
  return withCookies(json({ user }), sessionCookies(request, session.token, session.expiresAt));
});
