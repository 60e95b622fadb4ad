// Errors that mean "the database cannot be reached right now", not "this request is wrong": the server is down,
// restarting, refusing connections or dropped ours. Pure (no driver imports), so lib/core/errors.ts can use it anywhere.

// Socket errors (Node), postgres.js's own connection errors, and PGlite closed under a request.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: admin shutdown, crash shutdown,
// cannot connect now — the server is starting or stopping), and 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

/** Whether `error`, or any error in its `cause` chain (drizzle wraps the driver's), says the database is away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || SQLSTATE.test(code))) return true;
    current = current.cause;
  }
  return false;
}
