/**
 * Whether a browser says this request comes from a page of this site. `Sec-Fetch-Site` when it is sent; else, for
 * browsers that do not send it, `Origin`, which must name this host (the Host header, or the X-Forwarded-Host a
 * reverse proxy sets: a page of another site cannot set that header without a preflight this server never
 * allows). With neither header the request did not come from a web page (the CLI, curl, a client library).
 */
export function fromThisSite(request: Pick<Request, "method" | "headers">): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  let host: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    host = url.host.toLowerCase();
  } catch {
    return false; // "null" (a sandboxed frame, a file:// page, a redirect) or garbage: not this site
  }
  const own = [request.headers.get("host"), ...(request.headers.get("x-forwarded-host") ?? "").split(",")].map((h) => h?.trim().toLowerCase());
  return own.some((h) => h && (h === host || normalise(h) === host));
}

/** `Host: example.com:80` and `Origin: http://example.com` name the same site: drop default ports. */
function normalise(host: string): string {
  return host.replace(/:(80|443)$/, "");
}
