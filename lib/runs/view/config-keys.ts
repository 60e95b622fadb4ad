/**
 * The config keys of some runs as the runs table offers them: keys with scalar values only, those whose value
 * differs between runs first (what a comparison is about), then the most common, then by name.
 */
export function rankConfigKeys(configs: readonly Record<string, unknown>[]): string[] {
  const seen = new Map<string, { count: number; values: Set<string> }>();
  for (const config of configs) {
    for (const [key, value] of Object.entries(config)) {
      if (typeof value !== "number" && typeof value !== "string" && typeof value !== "boolean") continue;
      const entry = seen.get(key) ?? { count: 0, values: new Set<string>() };
      entry.count++;
      entry.values.add(JSON.stringify(value));
      seen.set(key, entry);
    }
  }
  const differs = (key: string) => (seen.get(key)!.values.size > 1 ? 1 : 0);
  return [...seen.keys()].sort((a, b) => differs(b) - differs(a) || seen.get(b)!.count - seen.get(a)!.count || (a < b ? -1 : a > b ? 1 : 0));
}
