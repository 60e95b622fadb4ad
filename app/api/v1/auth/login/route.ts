import { handle } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { parseOrThrow } from "@/lib/http/parse";
import { readJson } from "@/lib/http/read-body";
import { refuseCrossSite, sessionCookies, withCookies } from "@/lib/http/session-cookies";
import { beginSignIn } from "@/lib/http/sign-in-throttle";
import { createSession } from "@/lib/services/sessions";
import { authenticateUser } from "@/lib/services/users";
import { credentialsSchema } from "@/lib/validation/accounts";

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
