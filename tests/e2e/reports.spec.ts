import type { Page } from "@playwright/test";
import { expect, openRun, test } from "./support";

const shots = "tests/.artifacts/screenshots";

/** Saves the page shown as a report through its "Save as report" button. */
async function saveReport(page: Page, title: string, note: string, shot?: string) {
  await page.getByRole("button", { name: "Save as report", exact: true }).click();
  const form = page.getByRole("form", { name: "Save as report" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Note").fill(note);
  if (shot) await page.screenshot({ path: `${shots}/${shot}.png` });
  await form.getByRole("button", { name: "Save report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
}

/** Creates a share link on the reports page and reads it from the one-time notice. */
async function createLink(page: Page, title: string, mode: "live" | "frozen") {
  await page.goto("/p/demo/reports");
  const report = page.locator("li[data-report]").filter({ has: page.getByRole("heading", { name: title }) });
  await report.getByLabel("Link mode").selectOption(mode);
  await report.getByRole("button", { name: "Create share link" }).click();
  const url = (await report.getByTestId("new-share-link").innerText()).trim();
  expect(url).toMatch(/\/r\/[A-Za-z0-9_-]{32}$/);
  return { report, url };
}

/** A shared page offers nothing of the dashboard: no visible link into it, no saving, no keys, no import. */
async function expectNoDashboardChrome(reader: Page) {
  for (const link of await reader.locator("a").all()) {
    if (await link.isVisible()) expect(await link.getAttribute("href")).not.toMatch(/^\/(p\/|lab|$)/);
  }
  await expect(reader.getByRole("button", { name: "Save as report", exact: true })).toHaveCount(0);
  await expect(reader.getByRole("heading", { name: "API keys" })).toHaveCount(0);
  await expect(reader.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(reader.getByRole("navigation", { name: "Project views" })).toHaveCount(0);
}

test("a run saved as a report opens read-only from its link in a fresh browser, until the link is revoked", async ({ page, browser, pageProblems }) => {
  const title = "Drastic drop at beta 0.1";
  const note = "The rejected log-prob collapses while the chosen barely moves.";
  await openRun(page, "toy-s1-dpo-b0.1-seed1");
  await expect(page.getByRole("heading", { name: "toy-s1-dpo-b0.1-seed1" })).toBeVisible();
  await saveReport(page, title, note, "save-report-form");

  const { report, url } = await createLink(page, title, "live");
  await expect(report).toContainText("run");
  await expect(report.locator("tr[data-link]").first()).toContainText("active");
  await page.screenshot({ path: `${shots}/reports-page.png`, fullPage: true });

  const fresh = await browser.newContext();
  const reader = await fresh.newPage();
  const requested: string[] = [];
  reader.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await reader.goto(url);
  await expect(reader.getByTestId("shared-banner")).toContainText(`Shared report · ${title} · live`);
  await expect(reader.getByTestId("shared-note")).toHaveText(note);
  await expect(reader.getByRole("heading", { name: "toy-s1-dpo-b0.1-seed1" })).toBeVisible();
  const panel = reader.getByTestId("diagnostics-panel");
  await expect(panel.getByTestId("flag-drastic_drop")).toContainText("Drop ratio");
  await expect(panel.locator('figure[data-chart="logp-change"] .main-svg').first()).toBeVisible();
  await expect(reader.locator('figure[data-metric="toy/unseen_mass"] .main-svg').first()).toBeVisible();
  await expect(reader.getByTestId("run-config")).toContainText("beta");
  await expectNoDashboardChrome(reader);
  // The shared page reads through its token only, never the open run API.
  expect(requested.filter((p) => p.startsWith("/api/")).every((p) => p.startsWith("/api/v1/share/"))).toBe(true);
  expect(requested).toContain(`/api/v1/share/${url.split("/r/")[1]}/diagnostics`);
  await reader.screenshot({ path: `${shots}/shared-run.png`, fullPage: true });

  await report.locator("tr[data-link]").first().getByRole("button", { name: "Revoke" }).click();
  await expect(report.locator("tr[data-link]").first()).toContainText("revoked");
  // A revoked link's page answers 410 Gone, as the API does.
  pageProblems.expect({ url: /\/r\/[\w-]+$/, status: 410 });
  await reader.reload();
  await expect(reader.getByTestId("link-closed")).toContainText("This link was revoked");
  await expect(reader.getByTestId("diagnostics-panel")).toHaveCount(0);
  await expect(reader.getByTestId("shared-banner")).toHaveCount(0);
  await reader.screenshot({ path: `${shots}/shared-revoked.png` });
  await fresh.close();
});

test("a filtered runs table shared frozen lists the runs its filter selected", async ({ page, browser }) => {
  const title = "Flex-beta runs";
  await page.goto(`/p/demo?q=${encodeURIComponent("algorithm = flex_dpo")}`);
  await expect(page.getByTestId("runs-table").getByRole("link", { name: "toy-s1-flex_dpo-bw0.1-bl0.005-seed1" })).toBeVisible();
  await saveReport(page, title, "Every flex-β DPO run of the demo.");
  await page.screenshot({ path: `${shots}/runs-saved-as-report.png` });
  const { url } = await createLink(page, title, "frozen");

  const fresh = await browser.newContext();
  const reader = await fresh.newPage();
  await reader.goto(url);
  await expect(reader.getByTestId("shared-banner")).toContainText(new RegExp(`Shared report · ${title} · frozen at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));
  const table = reader.getByTestId("shared-runs-table");
  await expect(table).toContainText("toy-s1-flex_dpo-bw0.1-bl0.005-seed1");
  const algorithms = await table.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(algorithms.length).toBeGreaterThan(1);
  expect(new Set(algorithms)).toEqual(new Set(["flex_dpo"]));
  await expect(table.locator("a")).toHaveCount(0);
  await expectNoDashboardChrome(reader);
  await reader.screenshot({ path: `${shots}/shared-runs.png`, fullPage: true });
  await fresh.close();
});
