import { z } from "zod";

// Postgres text and jsonb cannot hold U+0000: refuse it at the edge (422 naming the field), never fail in the DB.
const NUL = "\u0000";
const NUL_MESSAGE = "must not contain the NUL character (\\u0000)";

/** A string Postgres can store. */
export function text() {
  return z.string().refine((s) => !s.includes(NUL), { error: NUL_MESSAGE });
}

function findNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return [...path, k];
      const found = findNul(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/** A JSON object Postgres' jsonb can store: no NUL in any key or string, however deep. */
export function jsonObject() {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const path = findNul(value, []);
    if (path) ctx.addIssue({ code: "custom", message: NUL_MESSAGE, path });
  });
}
