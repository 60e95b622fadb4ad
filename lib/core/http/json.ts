import { encodeNumber } from "../validation/numbers";

/** Non-finite numbers are data: written as "NaN", "Infinity", "-Infinity" instead of JSON's silent null. */
function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? encodeNumber(value) : value;
}

export function json(data: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(data, keepNonFinite), { ...init, headers });
}
