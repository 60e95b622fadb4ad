/**
 * Postgres array literals, passed as one text parameter and cast in SQL (`${literal}::float8[]`).
 * One parameter per column keeps a 10k-row insert to a single statement on both drivers, and the text form
 * carries NaN and ±Infinity exactly as float8 reads them.
 */
export function numberArrayLiteral(values: readonly (number | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i) out += ",";
    const v = values[i];
    out += v === null || v === undefined ? "NULL" : String(v);
  }
  return out + "}";
}

const NEEDS_ESCAPE = /["\\]/g;
const HAS_ESCAPE = /["\\]/;

/** One element of a text array literal: quoted, with `"` and `\` escaped (tested first: most names have neither). */
export function quoteArrayElement(value: string): string {
  return HAS_ESCAPE.test(value) ? `"${value.replace(NEEDS_ESCAPE, "\\$&")}"` : `"${value}"`;
}

export function textArrayLiteral(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i) out += ",";
    const v = values[i];
    out += v === null || v === undefined ? "NULL" : quoteArrayElement(v);
  }
  return out + "}";
}
