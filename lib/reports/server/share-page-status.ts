/**
 * A shared page (`/r/:token`) whose link was revoked or ran out answers 410, like the API — but a page cannot set
 * its own status, so the proxy answers for it. The proxy bundle must not load the database driver (a second embedded
 * database on the same files would be a disaster), so the server registers the lookup here when it boots, on
 * globalThis, and the proxy only calls it.
 */
export type ShareLinkLookup = (token: string) => Promise<"active" | "revoked" | "expired" | "unknown">;

const holder = globalThis as typeof globalThis & { __prefscopeShareLinkLookup?: ShareLinkLookup };

export function registerShareLinkLookup(lookup: ShareLinkLookup): void {
  holder.__prefscopeShareLinkLookup = lookup;
}

const SHARE_PAGE = /^\/r\/([A-Za-z0-9_-]{1,200})\/?$/;

const GONE = {
  revoked: { title: "This link was revoked", detail: "Whoever shared this report withdrew the link. Ask them for a new one." },
  expired: { title: "This link has expired", detail: "The link was shared for a limited time, which is over. Ask for a new one." },
} as const;

/**
 * The answer for a shared page whose link is gone: a small page of its own with status 410 (a proxy cannot give
 * a rendered page another status: a rewrite with one is taken for an outside proxy). Null for any other link, which
 * the page renders as usual (and answers 404 for a token that never was).
 */
export async function goneSharePage(method: string, path: string): Promise<Response | null> {
  if (method !== "GET" && method !== "HEAD") return null;
  const token = SHARE_PAGE.exec(path)?.[1];
  const lookup = holder.__prefscopeShareLinkLookup;
  if (!token || !lookup) return null;
  // Any failure here is the page's to report (it asks again): the proxy only answers when it is sure.
  const state = await lookup(token).catch(() => "unknown" as const);
  if (state !== "revoked" && state !== "expired") return null;
  const { title, detail } = GONE[state];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>Shared report</title></head><body style="font-family: system-ui, sans-serif; background: #f8fafc; color: #0f172a"><section data-testid="link-closed" data-reason="${state}" style="max-width: 32rem; margin: 4rem auto; padding: 1.5rem; text-align: center; background: #fff; border: 1px solid #e2e8f0; border-radius: 0.5rem"><h1 style="font-size: 1.25rem">${title}</h1><p style="color: #475569">${detail}</p></section></body></html>`;
  return new Response(method === "HEAD" ? null : html, {
    status: 410,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" },
  });
}
