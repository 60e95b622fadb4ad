import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

export { expect };

/** Something a page reported that a working page never does. */
export interface PageProblem {
  kind: "console" | "pageerror" | "requestfailed" | "response";
  /** The page's URL when it happened. */
  page: string;
  /** The resource's URL (a request's, or where a console message came from). */
  url: string;
  status?: number;
  text: string;
}

/** A problem a test provokes on purpose: every given field must match. */
export interface ExpectedProblem {
  kind?: PageProblem["kind"];
  url?: RegExp;
  status?: number;
  text?: RegExp;
}

export interface PageProblems {
  /**
   * Declares a problem this test provokes (a 4xx it asks for, say), so it does not fail the test. A response
   * the browser logs also shows as a console error ("Failed to load resource") at the same URL: one
   * declaration without `kind` covers both.
   */
  expect(problem: ExpectedProblem): void;
}

function matches(problem: PageProblem, expected: ExpectedProblem): boolean {
  if (expected.kind !== undefined && expected.kind !== problem.kind) return false;
  if (expected.status !== undefined && problem.status !== expected.status && !(problem.kind === "console" && problem.text.includes(`status of ${expected.status}`))) return false;
  // A console line about a document's own load has no location of its own: it is the page's.
  if (expected.url !== undefined && !expected.url.test(problem.url || problem.page)) return false;
  if (expected.text !== undefined && !expected.text.test(problem.text)) return false;
  return true;
}

function describe(p: PageProblem): string {
  const where = p.url && p.url !== p.page ? ` ${p.url}` : "";
  return `${p.kind}${p.status ? ` ${p.status}` : ""}${where} (on ${p.page}): ${p.text}`;
}

function watchPage(page: Page, problems: PageProblem[]) {
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    problems.push({ kind: "console", page: page.url(), url: message.location().url, text: message.text() });
  });
  page.on("pageerror", (error) => problems.push({ kind: "pageerror", page: page.url(), url: page.url(), text: error.stack ?? error.message }));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "failed";
    // Chromium reports a request the page itself cancelled (a navigation away, an AbortController, a
    // superseded prefetch) as ERR_ABORTED: the page asked for that, it is not a failure of the server or network.
    if (failure === "net::ERR_ABORTED") return;
    problems.push({ kind: "requestfailed", page: page.url(), url: request.url(), text: `${request.method()} ${failure}` });
  });
  page.on("response", (response) => {
    if (response.status() < 400) return;
    problems.push({ kind: "response", page: page.url(), url: response.url(), status: response.status(), text: `${response.request().method()} ${response.statusText()}` });
  });
}

function watchContext(context: BrowserContext, problems: PageProblem[]) {
  for (const page of context.pages()) watchPage(page, problems);
  context.on("page", (page) => watchPage(page, problems));
}

/**
 * Every e2e test fails when a page it opened logs a console error, throws, has a request fail or gets a 4xx/5xx
 * it did not declare with `pageProblems.expect(...)`. Pages of contexts the test opens itself
 * (`browser.newContext()`) are watched too.
 */
export const test = base.extend<{ pageProblems: PageProblems }>({
  pageProblems: [
    async ({ context, browser }, use) => {
      const problems: PageProblem[] = [];
      const expected: ExpectedProblem[] = [];
      watchContext(context, problems);
      const newContext = browser.newContext;
      const watchedNewContext: Browser["newContext"] = async (...args) => {
        const created = await newContext.apply(browser, args);
        watchContext(created, problems);
        return created;
      };
      browser.newContext = watchedNewContext;
      // A failing test still returns here (Playwright runs the teardown either way), so the original comes back.
      await use({ expect: (problem) => void expected.push(problem) });
      browser.newContext = newContext;
      const unexpected = problems.filter((p) => !expected.some((e) => matches(p, e)));
      expect(unexpected.map(describe), "console errors, uncaught errors, failed requests and error responses in the pages").toEqual([]);
    },
    { auto: true },
  ],
});

/** The runs table is virtualised, so a run far down may not be in the DOM: filter to it by name, then open it. */
export async function openRun(page: Page, name: string, project = "demo") {
  await page.goto(`/p/${project}?q=${encodeURIComponent(`name = "${name}"`)}`);
  await page.getByTestId("runs-table").getByRole("link", { name, exact: true }).first().click();
}

/** Drags across the middle of a drawn chart, from 30 % to 45 % of its width: Plotly zooms to that x range. */
export async function dragToZoom(page: Page, figure: Locator) {
  await figure.scrollIntoViewIfNeeded();
  const box = (await figure.locator(".main-svg").first().boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  return box;
}

/** The page's WCAG 2.1 A/AA violations as axe-core finds them, one line each: the rule, what it asks, and where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}`));
}
