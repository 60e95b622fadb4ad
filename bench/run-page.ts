// The run page: runs of 30 and of 300 metric keys to open, and what only that page can say about its charts (how
// many it loaded, from how many requests for points, and when the points came in).
import type { Page } from "@playwright/test";
import { pageTime } from "./browser";
import { createBenchRun, type BenchRun } from "./live-support";

export const RUN_PAGE_STEPS = 500;
const METRIC_POINTS = /\/api\/v1\/runs\/[^/]+\/metrics\?/;

export interface RunPageDetail {
  /** Navigation start → every chart the page loaded (its first page of metrics) drawn. */
  allMs: number;
  /** Charts the page loaded, and the requests for metric points it made. */
  charts: number;
  metricRequests: number;
  /** From navigation start: the first page of points requested and received. */
  pointsStartMs: number;
  pointsEndMs: number;
  /** → React hydrated the page's header (its back link answers clicks). */
  hydratedMs: number;
}

/** `keys` metrics of `RUN_PAGE_STEPS` steps each, written through the API in batches of about 10,000 values. */
async function seedRun(base: string, keys: number): Promise<BenchRun> {
  const target = await createBenchRun(base, "bench-run-page", `${keys} metrics`);
  const names = Array.from({ length: keys }, (_, k) => `group_${k % 6}/metric_${String(k).padStart(3, "0")}`);
  const perBatch = Math.max(1, Math.floor(10_000 / keys));
  for (let step = 0; step < RUN_PAGE_STEPS; step += perBatch) {
    const rows = Array.from({ length: Math.min(perBatch, RUN_PAGE_STEPS - step) }, (_, s) => ({
      step: step + s,
      values: Object.fromEntries(names.map((n, k) => [n, Math.sin((step + s) / 50 + k) + Math.random() / 10])),
    }));
    await target.post(rows);
  }
  return target;
}

/** A run of 30 metric keys and one of 300; the paths of their pages. */
export async function seedRunPages(base: string): Promise<{ small: string; big: string }> {
  const path = (target: BenchRun) => `/p/${target.project}/runs/${target.run}`;
  return { small: path(await seedRun(base, 30)), big: path(await seedRun(base, 300)) };
}

/** Counts the page's requests for points from now on (call it before navigating); the detail once the page is ready. */
export async function watchRunPage(page: Page): Promise<() => Promise<RunPageDetail>> {
  let metricRequests = 0;
  // Stamped by the page itself, every frame from its start, so a hydration before the bench asks is not missed. A
  // string: tsx would wrap a function's named helpers in one (__name) the page does not have.
  await page.addInitScript({
    content: `(() => {
      const stamp = () => {
        const link = document.querySelector("article header a");
        if (link && Object.keys(link).some((k) => k.startsWith("__reactProps$"))) window.hydratedAt = performance.now();
        else requestAnimationFrame(stamp);
      };
      requestAnimationFrame(stamp);
    })();`,
  });
  page.on("request", (r) => {
    if (METRIC_POINTS.test(r.url())) metricRequests++;
  });
  return async () => {
    const allDrawn = () => {
      const figures = [...document.querySelectorAll("figure[data-metric]")];
      return figures.length > 0 && figures.every((f) => f.querySelector(".main-svg")) && performance.now();
    };
    const allMs = await pageTime(page, allDrawn, undefined);
    const charts = await page.locator("figure[data-metric]").count();
    const breakdown = await page.evaluate((pattern) => {
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const points = resources.find((r) => new RegExp(pattern).test(r.name));
      const hydratedMs = (window as { hydratedAt?: number }).hydratedAt ?? NaN;
      return { pointsStartMs: points?.startTime ?? NaN, pointsEndMs: points?.responseEnd ?? NaN, hydratedMs };
    }, METRIC_POINTS.source);
    return { allMs, charts, metricRequests, ...breakdown };
  };
}
