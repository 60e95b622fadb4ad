/** Which page of a run's series a chart grid reads: the parameters of GET /api/v1/runs/:id/metrics. */
export interface MetricPageRequest {
  maxPoints: number;
  x: "step" | "time";
  limit: number;
  offset: number;
  match?: string;
}

/**
 * The URL of one page of a run's series, spelled one way: the run page's HTML preloads the first page by this URL
 * and the browser hands that response to the chart grid's own request only when the two URLs are identical.
 */
export function metricPageUrl(runId: string, { maxPoints, x, limit, offset, match }: MetricPageRequest): string {
  const params = new URLSearchParams({ max_points: String(maxPoints), x, limit: String(limit), offset: String(offset) });
  if (match) params.set("match", match);
  return `/api/v1/runs/${runId}/metrics?${params}`;
}

/** Most runs one GET /api/v1/runs/series reads: a compare page's 12, or a good part of a sweep. */
export const MAX_SERIES_RUNS = 100;
