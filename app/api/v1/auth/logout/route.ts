import { SESSION_COOKIE, readCookie } from "@/lib/auth/tokens";
import { handle } from "@/lib/http/handler";
import { clearedSessionCookies, withCookies } from "@/lib/http/session-cookies";
import { deleteSession } from "@/lib/services/sessions";

// POST /api/v1/auth/logout — ends the session (forgotten by the server, not only by this browser)
export const POST = handle(async (request) => {
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (token) await deleteSession({ token });
  return withCookies(new Response(null, { status: 204 }), clearedSessionCookies());
});
