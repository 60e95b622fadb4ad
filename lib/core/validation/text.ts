import { z } from "zod";

// Postgres text and jsonb cannot hold U+0000, and jsonb refuses an unpaired UTF-16 surrogate (JSON.stringify
// writes it as a `\udXXX` escape): refuse both at the edge (422 naming the field), never fail in the DB.
const NUL = "\u0000";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_MESSAGE = "must not contain the NUL character (\\u0000) or an unpaired UTF-16 surrogate";

/** Whether Postgres can store the string (in text and in jsonb): the check `text()` makes, for hand-written validators. */
export const isStorableText = (s: string) => !s.includes(NUL) && !LONE_SURROGATE.test(s);
const storable = isStorableText;

/** A string Postgres can store. */
export function text() {
  return z.string().refine(storable, { error: UNSTORABLE_MESSAGE });
}

function findUnstorable(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return storable(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (!storable(k)) return [...path, k];
      const found = findUnstorable(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Most levels of objects and arrays a JSON field may nest. Postgres' jsonb parser and zod's recursive schemas run
 * out of stack a few thousand levels down (a 500); no config or threshold override needs more than a handful.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max` levels (counted without recursion, so any depth is safe). */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/** The schema, after a check that the value nests at most MAX_JSON_DEPTH levels (422 naming the field otherwise). */
export function depthLimited<S extends z.ZodType>(schema: S) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      if (nestsDeeperThan(value)) ctx.addIssue({ code: "custom", message: `nests more than ${MAX_JSON_DEPTH} levels of objects or arrays`, abort: true });
    })
    .pipe(schema);
}

/**
 * A JSON object Postgres' jsonb can store: no NUL in any key or string, at most MAX_JSON_DEPTH levels deep. Checked
 * on the value as given, before zod copies it: the copy leaves out an own `__proto__` key, whose value would
 * otherwise go unchecked (and a caller keeping the original, as the importers do, would store it).
 */
export function jsonObject() {
  return depthLimited(
    z
      .unknown()
      .superRefine((value, ctx) => {
        const path = findUnstorable(value, []);
        if (path) ctx.addIssue({ code: "custom", message: UNSTORABLE_MESSAGE, path, abort: true });
      })
      .pipe(z.record(z.string(), z.unknown())),
  );
}
