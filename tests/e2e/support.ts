import type { Page } from "@playwright/test";

/** The runs table is virtualised, so a run far down may not be in the DOM: filter to it by name, then open it. */
export async function openRun(page: Page, name: string, project = "demo") {
  await page.goto(`/p/${project}?q=${encodeURIComponent(`name = "${name}"`)}`);
  await page.getByTestId("runs-table").getByRole("link", { name, exact: true }).first().click();
}
