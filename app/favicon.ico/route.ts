// GET /favicon.ico — the app's icon (app/icon.svg). Pages name that icon in their head, but Next.js streams the
// tag, and a page whose load event comes before the tag is in makes Chromium ask for /favicon.ico: a 404 in the
// console (seen once in the e2e suite, on the compare and tables pages).
export function GET(request: Request): Response {
  return Response.redirect(new URL("/icon.svg", request.url), 308);
}
