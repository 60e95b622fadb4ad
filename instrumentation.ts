// Runs once when the Next.js server starts: open the database (and seed it) before the first request.
export async function register() {
  // Next.js's own variables, not PrefScope's settings: it replaces `process.env.NEXT_RUNTIME` per runtime at build time
  // (so the edge bundle drops the import below), which a call into lib/core/config would defeat.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./lib/core/boot");
  await bootServer();
}
