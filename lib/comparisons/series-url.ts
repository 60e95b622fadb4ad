import { MAX_SERIES_RUNS } from "../metrics/page-url";

/** One GET /api/v1/runs/series: runs in the page's order, and the keys asked of each (sorted). */
export interface RunsSeriesRequest {
  runIds: string[];
  keys: string[];
}

/**
 * Some series of several runs in one request, spelled one way: the compare page's HTML preloads this URL and the
 * browser hands a preloaded response to the overlay's own request only when the URLs are identical.
 */
export function runsSeriesUrl({ runIds, keys }: RunsSeriesRequest, maxPoints = 1000): string {
  return `/api/v1/runs/series?${new URLSearchParams({ runs: runIds.join(","), keys: keys.join(","), max_points: String(maxPoints) })}`;
}

/**
 * The requests that read what each run asks for: the runs that ask for any series, up to MAX_SERIES_RUNS a request,
 * each request asking its runs for the union of their keys (a run lacking one has no series of it).
 */
export function runsSeriesRequests(asks: { runId: string; keys: string[] }[]): RunsSeriesRequest[] {
  const asking = asks.filter((a) => a.keys.length > 0);
  const out: RunsSeriesRequest[] = [];
  for (let i = 0; i < asking.length; i += MAX_SERIES_RUNS) {
    const part = asking.slice(i, i + MAX_SERIES_RUNS);
    out.push({ runIds: part.map((a) => a.runId), keys: [...new Set(part.flatMap((a) => a.keys))].sort() });
  }
  return out;
}
