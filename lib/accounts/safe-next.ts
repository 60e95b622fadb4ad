// Any origin will do as the base: only whether the parsed URL stays on it matters.
const BASE = "http://prefscope.invalid";

/**
 * Where to go after signing in: a path on this site only. Browsers drop tabs and newlines from URLs and read `\` as
 * `/`, so `/\t/evil.com` or `/\evil.com` would become `//evil.com` — another site. A `next` holding any control
 * character, whitespace or backslash is refused outright; the rest must parse to this origin, and the answer is the
 * path as the URL parser normalised it (so what is checked is what the browser will follow).
 */
export function safeNextPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return "/";
  // \s covers Unicode spaces too; \p{Cc} every C0/C1 control; \p{Cf} invisible format characters (bidi, U+FEFF).
  if (/[\s\\\p{Cc}\p{Cf}]/u.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
