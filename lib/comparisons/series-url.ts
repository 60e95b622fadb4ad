/**
 * Some series of one run, spelled one way (keys sorted): the compare page's HTML preloads these URLs and the
 * browser hands a preloaded response to the overlay's own request only when the URLs are identical.
 */
export function runSeriesUrl(runId: string, keys: string[], maxPoints = 1000): string {
  return `/api/v1/runs/${runId}/metrics?${new URLSearchParams({ keys: [...keys].sort().join(","), max_points: String(maxPoints) })}`;
}
