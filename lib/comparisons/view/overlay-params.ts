/** More runs than this make every chart a tangle and cost one diagnostics computation each. */
export const MAX_COMPARE_RUNS = 12;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `?runs=<id>,<id>,…` as the comparison's runs: distinct, in the order given (the order sets each run's colour),
 * at most `MAX_COMPARE_RUNS`. Entries that are not UUIDs come back as `names`, for a hand-written URL.
 */
export function parseRunsParam(raw: string | null | undefined): { ids: string[]; names: string[]; dropped: number } {
  const entries = [
    ...new Set(
      (raw ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const kept = entries.slice(0, MAX_COMPARE_RUNS);
  return { ids: kept.filter((e) => UUID.test(e)).map((e) => e.toLowerCase()), names: kept.filter((e) => !UUID.test(e)), dropped: entries.length - kept.length };
}

/** `?metrics=a,b`: null when absent (show the defaults), [] when the reader removed every metric. */
export function parseMetricsParam(raw: string | null | undefined): string[] | null {
  if (raw === null || raw === undefined) return null;
  return [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The query string with one parameter set (or removed with null), the others kept: the view's state is the URL. */
export function withSearchParam(current: string, key: string, value: string | null): string {
  const params = new URLSearchParams(current);
  if (value === null) params.delete(key);
  else params.set(key, value);
  // A literal comma or slash reads the same to URLSearchParams and keeps `?runs=<id>,<id>` and
  // `?metrics=logps/chosen` legible in the address bar.
  const text = params.toString().replace(/%2C/gi, ",").replace(/%2F/gi, "/");
  return text ? `?${text}` : "?";
}
