import { AppError } from "@/lib/core/errors";
import { CSRF_HEADER, csrfTokenFor, readCookie, SESSION_COOKIE } from "@/lib/accounts/server/tokens";
import { handle } from "@/lib/core/http/handler";
import { sameSecret } from "@/lib/core/http/same-secret";
import { clearedSessionCookies, withCookies } from "@/lib/accounts/server/session-cookies";
import { deleteSession } from "@/lib/accounts/server/sessions";

// POST /api/v1/auth/logout — ends the session (forgotten by the server, not only by this browser); like every change
// made with a session cookie it needs the CSRF header, so another site's page cannot sign the user out
export const POST = handle(async (request) => {
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (token) {
    if (!sameSecret(request.headers.get(CSRF_HEADER) ?? "", csrfTokenFor(token))) throw new AppError("forbidden", `Missing or wrong ${CSRF_HEADER} header`);
    await deleteSession({ token });
  }
  return withCookies(new Response(null, { status: 204 }), clearedSessionCookies());
});
