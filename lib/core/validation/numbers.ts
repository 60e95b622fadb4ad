import { z } from "zod";
import { NON_FINITE } from "./wire-numbers";

// The codecs are zod-free, for pages that decode numbers without loading zod.
export { NON_FINITE, decodeNumber, encodeNumber } from "./wire-numbers";

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

/** A serial (int4) id from a URL segment, or null when the text names no row: "12" — not "1e3", "-1", " 1" or 2^31. */
export function parseSerialId(text: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const id = Number(text);
  return id <= 2 ** 31 - 1 ? id : null;
}
