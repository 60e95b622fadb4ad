// Shared by the server and the browser (no node: imports here).
export const SESSION_COOKIE = "prefscope_session";
/** Readable by the page's scripts (not httpOnly): they echo it in `x-csrf-token` on every mutation. */
export const CSRF_COOKIE = "prefscope_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
