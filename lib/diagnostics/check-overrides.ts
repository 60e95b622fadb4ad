import { DEFAULT_THRESHOLDS } from "./thresholds";

/**
 * The path of the first override that does not fit the thresholds' shape (an unknown name, a number where a
 * group belongs, a non-finite number), or null when every override names a real threshold with a number.
 */
export function findBadThresholdOverride(overrides: unknown, defaults: unknown = DEFAULT_THRESHOLDS, path: string[] = []): string[] | null {
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) return path;
  for (const [key, value] of Object.entries(overrides)) {
    const base = (defaults as Record<string, unknown>)[key];
    const here = [...path, key];
    if (base === undefined) return here;
    if (typeof base === "object" && base !== null) {
      const bad = findBadThresholdOverride(value, base, here);
      if (bad) return bad;
    } else if (!(typeof value === "number" && Number.isFinite(value)) && !(value === null && base === null)) {
      return here;
    }
  }
  return null;
}
