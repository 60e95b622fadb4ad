import { expect, test } from "@playwright/test";
import { client, startOwnApp } from "../support/accounts";

const PASSWORD = "a long enough password";

// `next` values that a browser would follow to another site if the page passed them on: browsers drop tabs and
// newlines from URLs and read `\` as `/`.
const HOSTILE = ["/%09/example.invalid", "/%0a/example.invalid", "/%5C/example.invalid", "/%E3%80%80/example.invalid"];

test("signing in never leaves the site, whatever `next` says; a good `next` is followed", async ({ browser }) => {
  test.setTimeout(240_000); // its own app, and a sign-in per case
  const own = await startOwnApp();
  const origin = new URL(own.app.url).origin;
  await client(own.app.url)("POST", "/api/v1/auth/setup", { "sec-fetch-site": "same-origin" }, { username: "lead", password: PASSWORD });
  const context = await browser.newContext({ baseURL: own.app.url });
  try {
    for (const next of HOSTILE) {
      const page = await context.newPage();
      await page.goto(`/login?next=${next}`);
      await page.getByLabel("Username").fill("lead");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("signed-in-user")).toHaveText("lead");
      expect(new URL(page.url()).origin, next).toBe(origin);
      // Signed in, the sign-in page redirects on the server: that redirect stays here too.
      await page.goto(`/login?next=${next}`);
      await expect(page.getByTestId("signed-in-user")).toHaveText("lead");
      expect(new URL(page.url()).origin, next).toBe(origin);
      await page.close();
      await context.clearCookies();
    }
    const page = await context.newPage();
    await page.goto(`/login?next=${encodeURIComponent("/lab?beta=0.2")}`);
    await page.getByLabel("Username").fill("lead");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${origin}/lab?beta=0.2`);
  } finally {
    await context.close();
    await own.stop();
  }
});
