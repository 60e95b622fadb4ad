// Runs once when the Next.js server starts: open the database (and seed it) before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./lib/core/boot");
  await bootServer();
}
