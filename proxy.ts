import { NextResponse, type NextRequest } from "next/server";
import { AppError, toErrorResponse } from "./lib/core/errors";
import { goneSharePage } from "./lib/reports/server/share-page-status";

/**
 * A path with a malformed percent-escape (`%ff`, `%C0%AE`) cannot be decoded into route parameters, and Next.js
 * answers it with a bare 500 before any handler runs. It names nothing: answer 404 with the API's error body.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  // A revoked or expired share link's page: 410, like the API (the page itself says why).
  if (path.startsWith("/r/")) {
    const gone = await goneSharePage(request.method, path);
    if (gone) return gone;
  }
  if (!path.includes("%")) return NextResponse.next();
  try {
    decodeURIComponent(path);
    return NextResponse.next();
  } catch {
    return toErrorResponse(new AppError("not_found", "The request path holds a malformed percent-escape"));
  }
}

/**
 * Next.js buffers a request body for its proxy before the route sees it, and then hands the route only the first
 * `experimental.proxyClientMaxBodySize` bytes (10 MiB), silently: a 12 MB NDJSON batch was stored in part. Raising
 * that limit would still hold every body in memory before its route could refuse it (413), and still cut the ones
 * past it. So the proxy runs in front of an API request only when it carries no body (no positive Content-Length,
 * no Transfer-Encoding), or when its path is not valid percent-encoded UTF-8 (the third matcher: anything but a run
 * of plain characters and well-formed UTF-8 escapes, as `decodeURIComponent` takes them), which it answers 404
 * before any route runs. Routes read bodies themselves, streaming, against PREFSCOPE_MAX_BODY_BYTES or
 * PREFSCOPE_MAX_IMPORT_BYTES. Pages take no bodies (no server actions): they stay behind the proxy.
 * The matcher must be a literal (Next.js reads it from the source); lib/core/http/proxy-matcher.test.ts checks it.
 */
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|api/).*)",
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      source:
        "/api/:path((?!(?:[^%]|%[0-7][0-9a-fA-F]|%[cC][2-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[dD][0-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[eE]0%[aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[eE][1-9a-cA-CeEfF]%[89aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[eE][dD]%[89][0-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[fF]0%[9aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[fF][1-3]%[89aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F]|%[fF]4%8[0-9a-fA-F]%[89aAbB][0-9a-fA-F]%[89aAbB][0-9a-fA-F])*$).*)",
    },
  ],
};
