/**
 * A shared page (`/r/:token`) whose link was revoked or ran out answers 410, like the API — but a page cannot set
 * its own status, so the proxy sets it. The proxy bundle must not load the database driver (a second embedded
 * database on the same files would be a disaster), so the server registers the lookup here when it boots, on
 * globalThis, and the proxy only calls it.
 */
export type ShareLinkLookup = (token: string) => Promise<"active" | "revoked" | "expired" | "unknown">;

const holder = globalThis as typeof globalThis & { __prefscopeShareLinkLookup?: ShareLinkLookup };

export function registerShareLinkLookup(lookup: ShareLinkLookup): void {
  holder.__prefscopeShareLinkLookup = lookup;
}

const SHARE_PAGE = /^\/r\/([A-Za-z0-9_-]{1,200})\/?$/;

/** The status a shared page should answer with when it is not 200: 410 for a link that is gone. */
export async function sharePageStatus(method: string, path: string): Promise<number | null> {
  if (method !== "GET" && method !== "HEAD") return null;
  const token = SHARE_PAGE.exec(path)?.[1];
  const lookup = holder.__prefscopeShareLinkLookup;
  if (!token || !lookup) return null;
  // Any failure here is the page's to report (it asks again): the proxy only adds a status it is sure of.
  const state = await lookup(token).catch(() => "unknown" as const);
  return state === "revoked" || state === "expired" ? 410 : null;
}
