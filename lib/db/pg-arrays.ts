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

export function textArrayLiteral(values: readonly (string | null)[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i) out += ",";
    const v = values[i];
    out += v === null || v === undefined ? "NULL" : `"${v.replace(NEEDS_ESCAPE, "\\$&")}"`;
  }
  return out + "}";
}
