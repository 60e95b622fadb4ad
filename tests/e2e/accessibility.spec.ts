import type { Page } from "@playwright/test";
import { axeViolations as violations, expect, test } from "./support";

async function runIds(page: Page): Promise<Record<string, string>> {
  const body = await (await page.request.get("/api/v1/runs?project=demo&limit=1000")).json();
  return Object.fromEntries(body.runs.map((r: { name: string; id: string }) => [r.name, r.id]));
}

/** A report of the run page with a live share link; answers the link's path. */
async function sharedRunPath(page: Page, runId: string): Promise<string> {
  const report = await page.request.post("/api/v1/projects/demo/reports", { data: { title: "a11y", url: `/runs/${runId}` } });
  expect(report.status(), await report.text()).toBe(201);
  const id = (await report.json()).id as string;
  const link = await page.request.post(`/api/v1/projects/demo/reports/${id}/share-links`, { data: { mode: "live" } });
  expect(link.status(), await link.text()).toBe(201);
  return (await link.json()).path as string;
}

test("every page passes axe's WCAG 2.1 A/AA checks, with its charts drawn", async ({ page, pageProblems }) => {
  test.setTimeout(240_000);
  pageProblems.expect({ status: 404, url: /no-such-project/ });
  const ids = await runIds(page);
  const dpo = ids["toy-s1-dpo-b0.1-seed1"]!;
  const pages: { path: string; ready: (p: Page) => Promise<void> }[] = [
    { path: "/", ready: (p) => expect(p.getByRole("heading", { name: "Projects" })).toBeVisible() },
    { path: "/p/demo", ready: (p) => expect(p.getByTestId("runs-table").getByRole("link").first()).toBeVisible() },
    { path: `/p/demo/runs/${dpo}`, ready: (p) => expect(p.locator("figure .main-svg").first()).toBeVisible() },
    { path: `/p/demo/compare?runs=${dpo},${ids["toy-s1-flex_dpo-bw0.1-bl0.1-seed1"]}`, ready: (p) => expect(p.locator("figure .main-svg").first()).toBeVisible() },
    { path: "/p/demo/tables", ready: (p) => expect(p.locator("table").first()).toBeVisible() },
    { path: "/p/demo/sweeps", ready: (p) => expect(p.locator("figure .main-svg").first()).toBeVisible() },
    { path: "/p/demo/dpo-vs-rm", ready: (p) => expect(p.locator("figure .main-svg").first()).toBeVisible() },
    { path: "/p/demo/reports", ready: (p) => expect(p.getByRole("heading").first()).toBeVisible() },
    { path: "/lab", ready: (p) => expect(p.getByRole("button", { name: /Scenario 1/ })).toBeVisible() },
    { path: "/p/no-such-project", ready: (p) => expect(p.getByRole("heading", { name: "Nothing here" })).toBeVisible() },
  ];
  pages.push({ path: await sharedRunPath(page, dpo), ready: (p) => expect(p.locator("figure .main-svg").first()).toBeVisible() });

  const found: string[] = [];
  for (const { path, ready } of pages) {
    await page.goto(path);
    await ready(page);
    found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
  }
  expect(found).toEqual([]);
});

test("at 390 px the pages pass axe too", async ({ browser }) => {
  test.setTimeout(120_000);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: process.env.PREFSCOPE_E2E_URL });
  const page = await phone.newPage();
  const found: string[] = [];
  for (const path of ["/p/demo", "/p/demo/tables", "/lab"]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
  }
  await phone.close();
  expect(found).toEqual([]);
});
