import { createHash, createHmac, randomBytes } from "node:crypto";

export { CSRF_COOKIE, CSRF_HEADER, readCookie, SESSION_COOKIE } from "../cookie-names";
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/** 256 random bits; the database keeps only `hashToken` of it. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The session's CSRF token, derived from the session token so it needs no storage. Another site can make the
 * browser send the session cookie but cannot read this value, so it cannot put it in the header.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac("sha256", sessionToken).update("prefscope-csrf").digest("base64url");
}
