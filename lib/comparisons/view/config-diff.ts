export interface ConfigDiffRow {
  key: string;
  /** One per run, in the runs' order; undefined where the run lacks the key. */
  values: unknown[];
  differs: boolean;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Nested objects as dotted keys (`model.name`), so one differing leaf is one row, not a whole JSON blob. */
export function flattenConfig(config: Record<string, unknown>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && Object.keys(value).length > 0) Object.assign(out, flattenConfig(value, path));
    else out[path] = value;
  }
  return out;
}

/** A canonical text for equality: key order inside objects does not make two configs differ. */
function canonical(value: unknown): string {
  if (value === undefined) return "\u0000missing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The config table of a comparison: every key any run sets, alphabetical, with whether the runs disagree (a key
 * one run lacks differs). `showAll` false keeps only the differing rows — what a reader came to see.
 */
export function diffConfigs({ configs, showAll = false }: { configs: Record<string, unknown>[]; showAll?: boolean }) {
  const flat = configs.map((c) => flattenConfig(c));
  const keys = [...new Set(flat.flatMap((c) => Object.keys(c)))].sort((a, b) => a.localeCompare(b));
  const all: ConfigDiffRow[] = keys.map((key) => {
    const values = flat.map((c) => (Object.hasOwn(c, key) ? c[key] : undefined));
    return { key, values, differs: new Set(values.map(canonical)).size > 1 };
  });
  const differing = all.filter((r) => r.differs).length;
  return { rows: showAll ? all : all.filter((r) => r.differs), differing, total: all.length };
}
