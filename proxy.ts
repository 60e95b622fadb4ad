import { NextResponse, type NextRequest } from "next/server";
import { AppError, toErrorResponse } from "./lib/errors";
import { goneSharePage } from "./lib/http/share-page-status";

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

export const config = { matcher: "/((?!_next/static|_next/image).*)" };
