// Issue 14's pages in Chromium: each page of the dashboard opened cold, timed from navigation start to its first
// chart (or first table rows) and to everything in the first screen drawn, with the JavaScript it loaded.
import type { Browser, Page, Request } from "@playwright/test";
import { PLOTLY_SRC } from "../components/plots/load-plotly";
import { startApp } from "../tests/support/app-server";
import { launchChromium, medianVisit, pageTime, withColdPage } from "./browser";
import { sleep } from "./live-support";
import { seedToyProject } from "./pages-seed";
import { seedRunPages, watchRunPage, type RunPageDetail } from "./run-page";
import { RUNS_TABLE_ROW } from "./runs-page";
import { seedRunsProjects } from "./runs-seed";
import { benchPlotlyAlone, type PlotlyAlone } from "./plotly-alone";

const TOY = "bench-pages";
const RUNS_BIG = "bench-pages-10k";
const RUNS_SMALL = "bench-pages-10";
const COMPARED = 8;
/** A chart's own element, inside its figure (LineChart's and PlotlyFigure's: a test id and a min-height): Plotly draws its SVG into it. */
const CHART = "figure [data-testid][style*='min-height']";
const SERIES_READ = /\/api\/v1\/runs\/(series|[^/?]+\/metrics)\?/;

interface PageSpec {
  label: string;
  path: string;
  /** The table rows a page of rows (rather than charts) shows first. */
  rows?: string;
  /** What a user does before there is a chart to draw (the lab's Run). */
  start?: (page: Page) => Promise<void>;
  /** The run page's own figures, from the same visits. */
  runPage?: boolean;
  /** A page of several runs' series, which should read them in one request (issue 14). */
  manyRuns?: boolean;
}

interface PageFigures {
  /** Navigation start → the HTML's first byte, and its last (Next.js streams: the last waits for the page's data). */
  htmlStartMs: number;
  htmlEndMs: number;
  /** → the first chart drawn (Plotly's SVG in it), or the first table row on a page of rows. */
  firstMs: number;
  /** → every chart in the first screen drawn, none still loading its data, and on a page of rows the rows shown. */
  foldMs: number;
  /** Charts in the first screen once the page has loaded. */
  inView: number;
  /** → Plotly's script received (NaN on a page without charts). */
  plotlyMs: number;
  /** The JavaScript files loaded by then: how many, their bytes decoded and as sent (`next start` compresses). */
  scripts: number;
  jsBytes: number;
  jsSentBytes: number;
  /** The HTML document as sent. */
  htmlBytes: number;
  /** Requests for series points (GET /runs/series, GET /runs/:id/metrics?…), preloads among them. */
  seriesRequests: number;
}

export interface PageResult extends PageSpec {
  /** The first visit, which also warms the server (its modules and query plans) for the others. */
  first: PageFigures;
  median: PageFigures & Partial<RunPageDetail>;
  /** Console errors and uncaught exceptions over every visit: a working page has none. */
  errors: string[];
}

/** Presses the lab's Run as soon as it is hydrated (a click before that would do nothing), as an eager user would. */
async function pressRun(page: Page) {
  const hydrated = () => {
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Run");
    return button !== undefined && Object.keys(button).some((k) => k.startsWith("__reactProps$")) && performance.now();
  };
  await pageTime(page, hydrated, undefined);
  await page.getByRole("button", { name: "Run", exact: true }).click();
}

function pageSpecs(runPages: { small: string; big: string }, runs: string[], sharedPath: string): PageSpec[] {
  const runsTable = (project: string) => `/p/${project}`;
  return [
    { label: "projects", path: "/", rows: 'section > ul a[href^="/p/"]' },
    { label: "runs table, 10 runs", path: runsTable(RUNS_SMALL), rows: RUNS_TABLE_ROW },
    { label: "runs table, 10,000 runs", path: runsTable(RUNS_BIG), rows: RUNS_TABLE_ROW },
    { label: "run page, 30 metrics", path: runPages.small, runPage: true },
    { label: "run page, 300 metrics", path: runPages.big, runPage: true },
    { label: `compare, ${COMPARED} runs`, path: `/p/${TOY}/compare?runs=${runs.slice(0, COMPARED).join(",")}`, manyRuns: true },
    { label: "tables (scenario preset)", path: `/p/${TOY}/tables?preset=scenario`, rows: '[data-testid="results-table"] tbody tr' },
    { label: "sweeps", path: `/p/${TOY}/sweeps` },
    { label: "DPO vs RM", path: `/p/${TOY}/dpo-vs-rm` },
    { label: "lab (Run pressed)", path: "/lab", start: pressRun },
    { label: "shared report (a run, live)", path: sharedPath },
  ];
}

/**
 * Counts the page's requests in flight (live streams aside: they stay open); the function returned waits until none
 * has been for 500 ms. A visit ends there, so that what it left running (the runs table reads every run after its
 * first rows) does not weigh on the next.
 */
function watchInFlight(page: Page): () => Promise<void> {
  let inFlight = 0;
  let changedAt = performance.now();
  const count = (by: number) => (request: Request) => {
    if (request.resourceType() === "eventsource") return;
    inFlight += by;
    changedAt = performance.now();
  };
  page.on("request", count(1));
  page.on("requestfinished", count(-1));
  page.on("requestfailed", count(-1));
  return async () => {
    const deadline = performance.now() + 60_000;
    while (inFlight > 0 || performance.now() - changedAt < 500) {
      if (performance.now() > deadline) throw new Error(`${inFlight} request(s) of ${page.url()} still in flight after 60 s`);
      await sleep(100);
    }
  };
}

/** One cold visit; console errors and uncaught exceptions go to `errors`. */
function visit(browser: Browser, url: string, spec: PageSpec, errors: string[]): Promise<PageFigures & Partial<RunPageDetail>> {
  return withColdPage(browser, async (page) => {
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => void errors.push(error.message));
    // The browser keeps 250 resource timings unless told: a page of 300 charts may make more requests.
    await page.addInitScript(() => performance.setResourceTimingBufferSize(10_000));
    const quiet = watchInFlight(page);
    let seriesRequests = 0;
    page.on("request", (r) => void (SERIES_READ.test(r.url()) && seriesRequests++));
    const runPage = spec.runPage ? await watchRunPage(page) : null;
    await page.goto(url, { waitUntil: "commit" });
    await spec.start?.(page);
    const arg = { chart: CHART, rows: spec.rows ?? null };
    const firstMs = await pageTime(page, ({ chart, rows }) => document.querySelector(rows ?? `${chart} .main-svg`) !== null && performance.now(), arg);
    const firstScreen = ({ chart, rows }: typeof arg) => {
      // No named helpers in here: tsx would wrap them in a function the page does not have.
      const inView = [...document.querySelectorAll(`${chart}, p`)].filter((e) => {
        const box = e.getBoundingClientRect();
        return box.width > 0 && box.top < window.innerHeight && box.bottom > 0;
      });
      const charts = inView.filter((e) => e.matches(chart));
      // Charts still waiting for their data say so in their place ("Loading…", "Loading metrics…", "Computing diagnostics…").
      const waiting = inView.some((e) => e.tagName === "P" && /^(Loading|Computing)\b.*…$/.test(e.textContent?.trim() ?? ""));
      const shown = rows ? document.querySelector(rows) !== null : charts.length > 0;
      return shown && !waiting && charts.every((c) => c.querySelector(".main-svg")) && performance.now();
    };
    const foldMs = await pageTime(page, firstScreen, arg);
    await page.waitForLoadState("load");
    const loaded = await page.evaluate(
      ({ chart, plotlySrc }) => {
        const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => new URL(r.name).pathname.endsWith(".js"));
        const inView = [...document.querySelectorAll(chart)].filter((c) => c.getBoundingClientRect().top < window.innerHeight).length;
        return {
          htmlStartMs: navigation!.responseStart,
          htmlEndMs: navigation!.responseEnd,
          htmlBytes: navigation!.encodedBodySize,
          plotlyMs: scripts.find((r) => new URL(r.name).pathname === plotlySrc)?.responseEnd ?? NaN,
          inView,
          scripts: scripts.length,
          jsBytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
          jsSentBytes: scripts.reduce((sum, r) => sum + r.encodedBodySize, 0),
        };
      },
      { chart: CHART, plotlySrc: PLOTLY_SRC },
    );
    const figures = { firstMs, foldMs, ...loaded, seriesRequests, ...(runPage ? await runPage() : {}) };
    await quiet();
    return figures;
  });
}

/**
 * BENCH_PAGES=run,compare (comma-separated starts of the pages' labels) visits only those pages, to measure one
 * change quickly; unset, every page.
 */
function pageFilter(): (label: string) => boolean {
  const starts = process.env.BENCH_PAGES?.split(",").filter(Boolean);
  return (label) => !starts || starts.some((start) => label.startsWith(start));
}

/** Waits until no run of the project owes a flag recomputation, so none runs on the server while pages are timed. */
async function flagsSettled(base: string, project: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { runs } = (await (await fetch(`${base}/api/v1/runs?project=${project}&limit=1000`)).json()) as { runs: { flags_computed_at: string | null; updated_at: string }[] };
    if (runs.every((r) => r.flags_computed_at !== null && Date.parse(r.flags_computed_at) >= Date.parse(r.updated_at))) return;
    await sleep(500);
  }
  throw new Error(`the flags of ${project} were still being computed after 120 s`);
}

/**
 * Every page of issue 14 on one app instance (a fresh PGlite folder, or the given Postgres database): the runs
 * projects built by the database itself, the rest written through the HTTP API; each page one cold visit, then 3.
 */
export async function benchPages(databaseUrl: string | null, only = pageFilter()): Promise<{ seedMs: number; plotlyAlone: PlotlyAlone; pages: PageResult[] }> {
  const seededAt = performance.now();
  const runsTables = only(`runs table`);
  const dataDir = await seedRunsProjects(databaseUrl, runsTables ? { [RUNS_BIG]: 10_000, [RUNS_SMALL]: 10 } : {});
  const app = await startApp(databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : { dataDir: dataDir! });
  try {
    const runPages = await seedRunPages(app.url);
    const { runs, sharedPath } = await seedToyProject(app.url, TOY);
    await flagsSettled(app.url, TOY);
    const seedMs = performance.now() - seededAt;
    const browser = await launchChromium();
    try {
      const plotlyAlone = await benchPlotlyAlone(browser, app.url);
      const pages: PageResult[] = [];
      for (const spec of pageSpecs(runPages, runs, sharedPath).filter((s) => only(s.label))) {
        const errors: string[] = [];
        const { first, median } = await medianVisit(() => visit(browser, `${app.url}${spec.path}`, spec, errors));
        pages.push({ ...spec, first, median, errors });
      }
      return { seedMs, plotlyAlone, pages };
    } finally {
      await browser.close();
    }
  } finally {
    await app.stop();
  }
}
