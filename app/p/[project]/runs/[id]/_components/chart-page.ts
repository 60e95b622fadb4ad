import { metricPageUrl } from "@/lib/metrics/page-url";

/** Points per series and series per page on the run page: a run may log thousands of series, and the page loads
 * a screenful at a time. Shared by the chart grid (a client component) and the page, which preloads page one. */
export const CHART_MAX_POINTS = 1000;
export const CHART_PAGE_SIZE = 30;

export const firstChartPageUrl = (runId: string, x: "step" | "time") => metricPageUrl(runId, { maxPoints: CHART_MAX_POINTS, x, limit: CHART_PAGE_SIZE, offset: 0 });
