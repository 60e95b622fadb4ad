import { z } from "zod";

/** JSON has no literal for NaN or ±Infinity: the API spells them as these strings, and they are data. */
export const NON_FINITE = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY } as const;

/**
 * A number on the wire, in requests and responses alike: finite as a JSON number, non-finite as its string. `z.input`
 * of a schema built with it is the JSON on the wire; `z.output` (`z.infer`) the decoded numbers, NaN and ±Infinity
 * included.
 */
export const wireNumberSchema = z
  .union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])], {
    error: 'expected a number or one of "NaN", "Infinity", "-Infinity"',
  })
  .transform((v) => (typeof v === "number" ? v : NON_FINITE[v]));

/** A timestamp in a response: ISO 8601 with a zone (`…Z` from JavaScript, `…+00:00` from Postgres' JSON). */
export const isoTimeSchema = z.iso.datetime({ offset: true });

export const stepSchema = z
  .number({ error: "expected an integer step ≥ 0" })
  .int({ error: "expected an integer step ≥ 0" })
  .min(0, { error: "expected an integer step ≥ 0" })
  .max(Number.MAX_SAFE_INTEGER);

/** Numbers as the API writes them: finite as JSON numbers, the others as their strings. */
export function encodeNumber(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/** The inverse, for readers of the API. */
export function decodeNumber(value: number | string | null | undefined): number | null {
  if (typeof value === "number") return value;
  if (value === "NaN" || value === "Infinity" || value === "-Infinity") return NON_FINITE[value];
  return null;
}

/** A serial (int4) id from a URL segment, or null when the text names no row: "12" — not "1e3", "-1", " 1" or 2^31. */
export function parseSerialId(text: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= 2 ** 31 - 1 ? id : null;
}
