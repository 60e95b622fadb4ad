import { encodeNumber } from "../validation/numbers";

/** Non-finite numbers are data: written as "NaN", "Infinity", "-Infinity" instead of JSON's silent null. */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? encodeNumber(value) : value;
}

/** JSON text of a value, non-finite numbers spelled as the API spells them. */
export function jsonText(data: unknown): string {
  return JSON.stringify(data, keepNonFinite);
}

export function json(data: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json");
  return new Response(jsonText(data), { ...init, headers });
}
