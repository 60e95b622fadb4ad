// GET /favicon.ico — the app's icon (app/icon.svg). Pages name that icon in their head, but Next.js streams the
// tag, and a page whose load event comes before the tag is in makes Chromium ask for /favicon.ico: a 404 in the
// console (seen once in the e2e suite, on the compare and tables pages).
//
// The Location is relative on purpose: `request.url` carries the host Next.js listens on (localhost), not the one
// the browser used (say 127.0.0.1), and an icon redirected to another origin breaks the pages' `img-src 'self'`.
export function GET(): Response {
  return new Response(null, { status: 308, headers: { Location: "/icon.svg" } });
}
