import { CSRF_COOKIE, csrfTokenFor, SESSION_COOKIE } from "./tokens";
import { AppError } from "@/lib/core/errors";
import type { RequestLike } from "./access";
import { fromThisSite } from "@/lib/core/http/same-site";

function secure(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

function cookie(name: string, value: string, attributes: string[]): string {
  return [`${name}=${encodeURIComponent(value)}`, "Path=/", ...attributes].join("; ");
}

/** The session cookie (httpOnly: scripts never see it) and its CSRF companion (read by the page, echoed in a header). */
export function sessionCookies(request: Request, token: string, expiresAt: Date): string[] {
  const common = [`Expires=${expiresAt.toUTCString()}`, "SameSite=Lax", ...(secure(request) ? ["Secure"] : [])];
  return [cookie(SESSION_COOKIE, token, ["HttpOnly", ...common]), cookie(CSRF_COOKIE, csrfTokenFor(token), common)];
}

export function clearedSessionCookies(): string[] {
  const gone = ["Expires=Thu, 01 Jan 1970 00:00:00 GMT", "SameSite=Lax"];
  return [cookie(SESSION_COOKIE, "", ["HttpOnly", ...gone]), cookie(CSRF_COOKIE, "", gone)];
}

/** Sign-in and set-up refuse other sites' pages: a forged sign-in would put the victim in the attacker's account. */
export function refuseCrossSite(request: RequestLike): void {
  if (!fromThisSite(request)) throw new AppError("forbidden", "Cross-site sign-in refused");
}

export function withCookies(response: Response, cookies: string[]): Response {
  for (const c of cookies) response.headers.append("set-cookie", c);
  return response;
}
