// The run page in Chromium, cold: how soon its metric charts are drawn for a run of 30 and of 300 metric keys.
import { chromium, type Browser } from "@playwright/test";
import type { AppServer } from "../tests/support/app-server";
import { createBenchRun, median, type BenchRun } from "./live-support";

const STEPS = 500;
const TIMES = 3;
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface RunPageTiming {
  /** Navigation start → the first metric chart drawn (Plotly's SVG inside a figure[data-metric]). */
  firstChartMs: number;
  /** Navigation start → every chart in the first screen (the viewport) drawn. */
  screenMs: number;
  /** Navigation start → every chart the page loaded (its first page of metrics) drawn. */
  allMs: number;
  /** Charts the page loaded, and the requests for metric points it made. */
  charts: number;
  metricRequests: number;
  /** Where the time went, from navigation start: the HTML received, the first page of points requested and
   * received, the largest script (Plotly) received. */
  documentMs: number;
  pointsStartMs: number;
  pointsEndMs: number;
  plotlyEndMs: number;
}

/** `keys` metrics of `STEPS` steps each, written through the API in batches of about 10,000 values. */
async function seedRun(base: string, keys: number): Promise<BenchRun> {
  const target = await createBenchRun(base, "bench-run-page", `${keys} metrics`);
  const names = Array.from({ length: keys }, (_, k) => `group_${k % 6}/metric_${String(k).padStart(3, "0")}`);
  const perBatch = Math.max(1, Math.floor(10_000 / keys));
  for (let step = 0; step < STEPS; step += perBatch) {
    const rows = Array.from({ length: Math.min(perBatch, STEPS - step) }, (_, s) => ({
      step: step + s,
      values: Object.fromEntries(names.map((n, k) => [n, Math.sin((step + s) / 50 + k) + Math.random() / 10])),
    }));
    await target.post(rows);
  }
  return target;
}

/** One cold visit: a fresh browser context, the page's own clock from navigation start. */
async function visit(browser: Browser, url: string): Promise<RunPageTiming> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    let metricRequests = 0;
    page.on("request", (r) => {
      if (/\/api\/v1\/runs\/[^/]+\/metrics\?/.test(r.url())) metricRequests++;
    });
    await page.goto(url, { waitUntil: "commit" });
    const poll = { polling: "raf" as const, timeout: 120_000 };
    const firstChartMs = (await (
      await page.waitForFunction(() => document.querySelector("figure[data-metric] .main-svg") && performance.now(), undefined, poll)
    ).jsonValue()) as number;
    const screenDrawn = () => {
      const figures = [...document.querySelectorAll("figure[data-metric]")].filter((f) => f.getBoundingClientRect().top < window.innerHeight);
      return figures.length > 0 && figures.every((f) => f.querySelector(".main-svg")) && performance.now();
    };
    const screenMs = (await (await page.waitForFunction(screenDrawn, undefined, poll)).jsonValue()) as number;
    const allDrawn = () => {
      const figures = [...document.querySelectorAll("figure[data-metric]")];
      return figures.length > 0 && figures.every((f) => f.querySelector(".main-svg")) && performance.now();
    };
    const allMs = (await (await page.waitForFunction(allDrawn, undefined, poll)).jsonValue()) as number;
    const charts = await page.locator("figure[data-metric]").count();
    const breakdown = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const points = resources.find((r) => /\/api\/v1\/runs\/[^/]+\/metrics\?/.test(r.name));
      const plotly = resources.filter((r) => r.name.endsWith(".js")).sort((a, b) => b.decodedBodySize - a.decodedBodySize)[0];
      return { documentMs: navigation!.responseEnd, pointsStartMs: points?.startTime ?? NaN, pointsEndMs: points?.responseEnd ?? NaN, plotlyEndMs: plotly?.responseEnd ?? NaN };
    });
    return { firstChartMs, screenMs, allMs, charts, metricRequests, ...breakdown };
  } finally {
    await context.close();
  }
}

async function medianVisit(browser: Browser, url: string): Promise<RunPageTiming> {
  await visit(browser, url); // warms the server (modules, query plans), not the browser: each visit is cold
  const visits: RunPageTiming[] = [];
  for (let i = 0; i < TIMES; i++) visits.push(await visit(browser, url));
  const keys = Object.keys(visits[0]!) as (keyof RunPageTiming)[];
  return Object.fromEntries(keys.map((key) => [key, median(visits.map((v) => v[key]))])) as unknown as RunPageTiming;
}

/** The run page for a run of 30 metric keys and one of 300 (500 steps each), median of 3 cold visits. */
export async function benchRunPage(app: AppServer) {
  const seededAt = performance.now();
  const small = await seedRun(app.url, 30);
  const big = await seedRun(app.url, 300);
  const seedMs = performance.now() - seededAt;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  try {
    const page = (target: BenchRun) => `${app.url}/p/${target.project}/runs/${target.run}`;
    return { seedMs, steps: STEPS, small: await medianVisit(browser, page(small)), big: await medianVisit(browser, page(big)) };
  } finally {
    await browser.close();
  }
}
