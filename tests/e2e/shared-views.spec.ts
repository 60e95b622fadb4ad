import type { Page } from "@playwright/test";
import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";

/**
 * Saves the dashboard view the page shows as a report, as its "Save as report" button would (the tables, compare,
 * sweeps and DPO-vs-RM views have no such button yet), then shares it from the reports page and returns the link.
 */
async function shareShownView(page: Page, title: string, mode: "live" | "frozen") {
  const status = await page.evaluate(async (title) => {
    const url = `${location.pathname.replace(/^\/p\/demo/, "")}${location.search}`;
    const response = await fetch("/api/v1/projects/demo/reports", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title, note: "", url }),
    });
    return response.status;
  }, title);
  expect(status).toBe(201);
  await page.goto("/p/demo/reports");
  const report = page
    .locator("li[data-report]")
    .filter({ has: page.getByRole("heading", { name: title }) })
    .first();
  await report.getByLabel("Link mode").selectOption(mode);
  await report.getByRole("button", { name: "Create share link" }).click();
  return (await report.getByTestId("new-share-link").innerText()).trim();
}

/** Opens a link in a browser with no dashboard state, and checks it offers nothing of the dashboard. */
async function openShared(page: Page, url: string) {
  const reader = await (await page.context().browser()!.newContext()).newPage();
  const requested: string[] = [];
  reader.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await reader.goto(url);
  await expect(reader.getByTestId("shared-banner")).toBeVisible();
  return { reader, requested };
}

async function expectReadOnly(reader: Page, requested: string[]) {
  for (const link of await reader.locator("a").all()) {
    if (await link.isVisible()) expect(await link.getAttribute("href")).not.toMatch(/^\/(p\/|lab|$)/);
  }
  await expect(reader.getByRole("navigation", { name: "Project views" })).toHaveCount(0);
  await expect(reader.getByRole("button", { name: "Save as report", exact: true })).toHaveCount(0);
  await expect(reader.locator("select, input[type=text], input[type=search]")).toHaveCount(0);
  // The data came with the page: the browser calls no API, least of all the open run APIs. A live link opens its
  // own stream (of its view's runs, through its token) and nothing else.
  expect(requested.filter((p) => p.startsWith("/api/") && !/^\/api\/v1\/share\/[^/]+\/live$/.test(p))).toEqual([]);
}

test("the scenario table shared frozen shows 4 scenario rows of 3 seeds, read-only", async ({ page }) => {
  await page.goto("/p/demo/tables?preset=scenario");
  await expect(page.getByTestId("results-table")).toBeVisible();
  const url = await shareShownView(page, `Scenario table ${Date.now()}`, "frozen");
  const { reader, requested } = await openShared(page, url);
  await expect(reader.getByTestId("shared-banner")).toContainText("frozen at");
  const rows = reader.getByTestId("results-table").locator("tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(reader.getByTestId("results-table").getByTestId("row-n")).toHaveText(["3", "3", "3", "3"]);
  await expect(reader.getByTestId("results-table").locator("td[data-best]").first()).toBeVisible();
  await expect(reader.getByTestId("reference-table")).toBeVisible();
  await reader.getByRole("button", { name: "Copy Markdown" }).click();
  await expect(reader.getByTestId("table-export")).toHaveValue(/\| scenario \| n \|/);
  await expectReadOnly(reader, requested);
  await reader.screenshot({ path: `${shots}/shared-tables.png`, fullPage: true });
});

test("the β sweep shared frozen draws its 5 points and one curve per β", async ({ page }) => {
  await page.goto("/p/demo/sweeps");
  await expect(page.getByTestId("sweep-final-chart")).toBeVisible();
  const url = await shareShownView(page, `Beta sweep ${Date.now()}`, "frozen");
  const { reader, requested } = await openShared(page, url);
  await expect(reader.getByTestId("shared-sweep")).toContainText("β_l × 5 at β_w = 0.1");
  await expect(reader.getByTestId("sweep-final-chart").locator(".scatterlayer .trace .points path")).toHaveCount(5);
  await expect(reader.getByTestId("sweep-final-table").locator("tbody tr")).toHaveCount(5);
  await expect(reader.getByTestId("sweep-curves").locator(".scatterlayer .js-line")).toHaveCount(5);
  await expectReadOnly(reader, requested);
  await reader.screenshot({ path: `${shots}/shared-sweeps.png`, fullPage: true });
});

test("compare and DPO-vs-RM shared live draw their charts from the token's data", async ({ page }) => {
  await page.goto(`/p/demo/compare?runs=${["toy-s1-dpo-b0.1-seed1", "toy-s1-flex_dpo-bw0.1-bl0.005-seed1"].join(",")}`);
  await expect(page.getByTestId("config-diff")).toBeVisible();
  const compare = await openShared(page, await shareShownView(page, `Compare ${Date.now()}`, "live"));
  await expect(compare.reader.locator('figure[data-metric="logps/chosen"] .main-svg').first()).toBeVisible();
  await expect(compare.reader.locator('figure[data-chart="logp-change"] .main-svg').first()).toBeVisible();
  await expect(compare.reader.getByTestId("config-diff")).toContainText("beta");
  await expectReadOnly(compare.reader, compare.requested);
  await compare.reader.screenshot({ path: `${shots}/shared-compare.png`, fullPage: true });

  await page.goto("/p/demo/dpo-vs-rm");
  await expect(page.locator('figure[data-chart="dpo-vs-rm"]')).toBeVisible();
  const dpo = await openShared(page, await shareShownView(page, `DPO vs RM ${Date.now()}`, "live"));
  await expect(dpo.reader.locator('figure[data-chart="dpo-vs-rm"] .main-svg').first()).toBeVisible();
  await expect(dpo.reader.getByTestId("method-summary").locator("tbody tr")).toHaveCount(2);
  await expect(dpo.reader.getByTestId("method-summary").locator("a")).toHaveCount(0);
  await expectReadOnly(dpo.reader, dpo.requested);
  await dpo.reader.screenshot({ path: `${shots}/shared-dpo-vs-rm.png`, fullPage: true });
});
