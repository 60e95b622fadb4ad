// Non-finite values as text: JSON writers that refuse bare NaN write strings; Python's str() and pandas write
// nan/inf; JavaScript writes NaN/Infinity.
const NON_FINITE = new Map<string, number>([
  ["NaN", NaN],
  ["nan", NaN],
  ["Infinity", Infinity],
  ["+Infinity", Infinity],
  ["inf", Infinity],
  ["+inf", Infinity],
  ["-Infinity", -Infinity],
  ["-inf", -Infinity],
]);

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A metric value from a parsed JSON value: numbers, and the non-finite spellings as strings; else undefined. */
export function toMetricNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string") return NON_FINITE.get(value);
  return undefined;
}

/**
 * A metric value from text (a CSV cell): a decimal number or a non-finite spelling; else undefined.
 * Stricter than Number(), which reads "" and " " as 0 and "0x1f" as 31.
 */
export function parseMetricText(text: string): number | undefined {
  const t = text.trim();
  if (DECIMAL.test(t)) return Number(t);
  return NON_FINITE.get(t);
}
