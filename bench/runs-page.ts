import type { Browser } from "@playwright/test";
import { startApp } from "../tests/support/app-server";
import { launchChromium, medianVisit, pageTime, withColdPage } from "./browser";
import { median } from "./live-support";
import { seedRunsProjects } from "./runs-seed";

const BIG = "bench-runs-10k";
const SMALL = "bench-runs-10";
/** A row of the runs table (virtualised: the rows in view, and a few more). */
export const RUNS_TABLE_ROW = '[data-testid="runs-table"] tbody a[href*="/runs/"]';
const FILTER = 'input[aria-label="Filter runs"]';
const QUERY = "flag >= warning AND algorithm = dpo";

export interface PageTiming {
  /** Navigation start → the first row of the virtualised table is in the DOM. */
  rowsMs: number;
  /** Navigation start → rows shown and the filter input hydrated (its React handlers attached). */
  usableMs: number;
  /** Navigation start → every run loaded (the table no longer busy): sorting and grouping see the whole project. */
  allRowsMs: number;
  /** Typing a filter into the input, until the input holds it. */
  typeMs: number;
  /** The HTML document as sent (compressed) and as decoded. */
  documentBytes: number;
  documentDecodedBytes: number;
  /** Every response up to the load event, as sent. */
  transferredBytes: number;
}

/** One cold visit (fresh browser context, empty cache); times are the page's own clock from navigation start. */
function visit(browser: Browser, url: string): Promise<PageTiming> {
  return withColdPage(browser, async (page) => {
    await page.goto(url, { waitUntil: "commit" });
    const rowsMs = await pageTime(page, (selector) => document.querySelector(selector) !== null && performance.now(), RUNS_TABLE_ROW, 30_000);
    const hydrated = (selector: string) => {
      const input = document.querySelector(selector);
      return input !== null && Object.keys(input).some((k) => k.startsWith("__reactProps$")) && performance.now();
    };
    const usableMs = Math.max(rowsMs, await pageTime(page, hydrated, FILTER, 30_000));
    // Watched from now on, while the filter is typed: the page's own clock stamps when the table stops being busy.
    const allRows = pageTime(page, (selector) => document.querySelector(selector) !== null && performance.now(), '[data-testid="runs-table"]:not([aria-busy])');
    const typed = performance.now();
    await page.locator(FILTER).fill("");
    await page.locator(FILTER).pressSequentially(QUERY);
    if ((await page.locator(FILTER).inputValue()) !== QUERY) throw new Error("the filter input did not keep what was typed");
    const typeMs = performance.now() - typed;
    const allRowsMs = await allRows;
    await page.waitForLoadState("load");
    const bytes = await page.evaluate(() => {
      const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      return {
        documentBytes: navigation!.encodedBodySize,
        documentDecodedBytes: navigation!.decodedBodySize,
        transferredBytes: navigation!.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      };
    });
    return { rowsMs, usableMs, allRowsMs, typeMs, ...bytes };
  });
}

async function apiMs(base: string, project: string): Promise<{ ms: number; runs: number }> {
  const params = new URLSearchParams({ project, q: QUERY, limit: "100", summary_keys: "loss,rewards/accuracies,rewards/margins" });
  let runs = 0;
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/runs?${params}`);
    if (!response.ok) throw new Error(`runs API: ${response.status} ${await response.text()}`);
    runs = ((await response.json()) as { runs: unknown[] }).runs.length;
    if (i > 0) times.push(performance.now() - started);
  }
  return { ms: median(times), runs };
}

/**
 * The runs page of a 10,000-run project in Chromium, next to the same page for a 10-run project, on its own
 * app instance (a fresh PGlite folder, or the given Postgres database), and the runs API filtered the same way.
 */
export async function benchRunsPage(databaseUrl: string | null) {
  const seededAt = performance.now();
  const dataDir = await seedRunsProjects(databaseUrl, { [BIG]: 10_000, [SMALL]: 10 });
  const seedMs = performance.now() - seededAt;
  const app = await startApp(databaseUrl ? { env: { DATABASE_URL: databaseUrl } } : { dataDir: dataDir! });
  const browser = await launchChromium();
  try {
    const { median: big } = await medianVisit(() => visit(browser, `${app.url}/p/${BIG}`));
    const { median: small } = await medianVisit(() => visit(browser, `${app.url}/p/${SMALL}`));
    const bigApi = await apiMs(app.url, BIG);
    const smallApi = await apiMs(app.url, SMALL);
    return { seedMs, big, small, bigApi, smallApi };
  } finally {
    await browser.close();
    await app.stop();
  }
}
