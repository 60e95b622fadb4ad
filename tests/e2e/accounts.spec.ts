import type { Page } from "@playwright/test";
import { axeViolations, expect, openRun, test } from "./support";
import { startOwnApp } from "../support/accounts";

/** Collects what the browser reports of the Content-Security-Policy: any violation means a feature broke under it. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the dashboard's charts, tables and lab run under the Content-Security-Policy", async ({ page }) => {
  const violations = watchCsp(page);
  await openRun(page, "toy-s1-dpo-b0.1-seed1");
  await expect(page.locator(".js-plotly-plot").first()).toBeVisible();
  await page.goto("/p/demo/tables?preset=scenario");
  await expect(page.getByRole("table").first()).toBeVisible();
  await page.goto("/lab");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator(".js-plotly-plot").first()).toBeVisible();
  expect(violations).toEqual([]);
});

test("set-up turns sign-in on: the first admin, a project, signing out and back in", async ({ browser, pageProblems }) => {
  const own = await startOwnApp();
  const context = await browser.newContext({ baseURL: own.app.url });
  const page = await context.newPage();
  try {
    await page.goto("/");
    await page.getByRole("link", { name: /set up accounts/i }).click();
    // The pages only accounts have pass the same accessibility check as the rest (tests/e2e/accessibility.spec.ts).
    const inaccessible: string[] = [];
    const check = async () => inaccessible.push(...(await axeViolations(page)).map((v) => `${new URL(page.url()).pathname}: ${v}`));
    await expect(page.getByLabel("Username")).toBeVisible();
    await check();
    await page.getByLabel("Username").fill("lead");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toHaveText("lead");

    await page.getByLabel("New project name").fill("team");
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/p\/team$/);
    await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
    // A click before React hydrates the panel submits its form natively (a reload, no key): click until a key shows.
    await expect(async () => {
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByTestId("new-api-key")).toHaveText(/^ps_/, { timeout: 2000 });
    }).toPass();
    await check();
    await page.goto("/admin/users");
    await expect(page.getByRole("heading").first()).toBeVisible();
    await check();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/p/team");
    await expect(page).toHaveURL(/\/login\?next=%2Fp%2Fteam$/);
    await page.getByLabel("Username").fill("lead");
    await page.getByLabel("Password").fill("wrong password!");
    pageProblems.expect({ url: /\/api\/v1\/auth\/login$/, status: 401 });
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong username or password")).toBeVisible();
    await check();
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/p\/team$/);
    expect(inaccessible).toEqual([]);
  } finally {
    await context.close();
    await own.stop();
  }
});
