import { encodeNumber } from "../validation/numbers";

/** Non-finite numbers are data: written as "NaN", "Infinity", "-Infinity" instead of JSON's silent null. */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? encodeNumber(value) : value;
}

/** JSON text with non-finite numbers spelled as strings, as every response writes them. */
export function stringifyKeepingNonFinite(data: unknown): string {
  return JSON.stringify(data, keepNonFinite);
}

export function json(data: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json");
  return new Response(stringifyKeepingNonFinite(data), { ...init, headers });
}
