/** A run's charts in sections by name prefix (`train/`, `eval/`, `logps/`), as W&B and TensorBoard group them. */
export interface MetricSection<T> {
  /** The prefix with its slash (`logps/`), or "" for names without one. */
  prefix: string;
  title: string;
  series: T[];
}

/** Sections in order of their first metric; names without a prefix come first, as "General". */
export function metricSections<T extends { key: string }>(series: T[]): MetricSection<T>[] {
  const sections = new Map<string, T[]>();
  for (const s of series) {
    const slash = s.key.indexOf("/");
    const prefix = slash > 0 ? s.key.slice(0, slash + 1) : "";
    sections.set(prefix, [...(sections.get(prefix) ?? []), s]);
  }
  const ordered = [...sections].sort(([a], [b]) => Number(a !== "") - Number(b !== ""));
  return ordered.map(([prefix, members]) => ({ prefix, title: prefix || "General", series: members }));
}
