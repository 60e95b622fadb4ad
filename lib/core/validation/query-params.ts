import { z } from "zod";

/*
 * Numbers in query strings, spelled one way only. `z.coerce.number()` reads "0x10" as 16, "2.0" and " 2" as 2 and
 * "" as 0, so one value had many URLs and a typo could alias another value; a step past 2^63 reached Postgres (500).
 */

/** A whole number in plain decimal digits ("12"; not "012", "1e3", "2.0", "0x2", "+1" or " 1"), within [min, max]. */
export function queryInteger({ min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) {
  return z
    .string()
    .regex(/^(0|[1-9]\d{0,15})$/, { error: "expected a whole number in decimal digits" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A finite decimal number ("-1.5", "2e3"; not hex, not blank, not "Infinity"). */
export function queryNumber() {
  return z
    .string()
    .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, { error: "expected a decimal number" })
    .transform(Number)
    .pipe(z.number().finite());
}
