// NaN and ±Infinity on the wire, as plain functions: chart and table code in the browser decodes them without zod.

/** JSON has no literal for NaN or ±Infinity: the API spells them as these strings, and they are data. */
export const NON_FINITE = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY } as const;

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
