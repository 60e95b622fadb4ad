// What the Chromium benches share: Debian's Chromium, cold visits (a fresh context, so an empty cache, each time),
// times read from the page's own clock (performance.now(), from navigation start) and medians over visits.
import { chromium, type Browser, type Page } from "@playwright/test";
import { median } from "./live-support";

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const VIEWPORT = { width: 1400, height: 900 };
const TIMES = 3;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
}

/** A page in a fresh context of the bench's viewport; the context closes when `measure` is done. */
export async function withColdPage<T>(browser: Browser, measure: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    return await measure(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Waits, checking every frame, until `stamp` (run in the page) returns a time rather than false, and returns that
 * time: the page stamps the moment itself, so the bench's round trips to the browser are not counted.
 */
export async function pageTime<A>(page: Page, stamp: (arg: A) => number | false, arg: A, timeout = 120_000): Promise<number> {
  // Widened for Playwright's types, which cannot tell that a plain argument arrives in the page unchanged.
  const inPage = stamp as (arg: unknown) => number | false;
  return (await (await page.waitForFunction(inPage, arg, { polling: "raf", timeout })).jsonValue()) as number;
}

/** The figures of one visit that warms the server (modules, query plans; the browser is cold every time), then the median of each over 3 more. */
export async function medianVisit<T extends object>(visit: () => Promise<T>): Promise<{ first: T; median: T }> {
  const first = await visit();
  const visits: T[] = [];
  for (let i = 0; i < TIMES; i++) visits.push(await visit());
  const keys = Object.keys(first) as (keyof T)[];
  return { first, median: Object.fromEntries(keys.map((key) => [key, median(visits.map((v) => v[key] as number))])) as T };
}
