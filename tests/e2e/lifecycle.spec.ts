import { expect, test, type APIRequestContext } from "@playwright/test";

const PROJECT = "life-e2e";
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

async function seed(request: APIRequestContext) {
  const key = (await (await request.post(`/api/v1/projects/${PROJECT}/keys`, { headers: SAME_ORIGIN, data: {} })).json()).key as string;
  const headers = { authorization: `Bearer ${key}` };
  const ids: Record<string, string> = {};
  for (const name of ["keep-me", "archive-me", "delete-me", "delete-from-page"]) {
    ids[name] = (await (await request.post("/api/v1/runs", { headers, data: { project: PROJECT, name } })).json()).id;
    await request.post(`/api/v1/runs/${ids[name]}/metrics`, {
      headers,
      data: {
        rows: [
          { step: 0, values: { loss: 1 } },
          { step: 1, values: { loss: 0.5 } },
        ],
      },
    });
  }
  return { ids, headers };
}

test("archive, restore and delete runs from the runs table and the run page, then delete the project by typing its name", async ({ page, request }) => {
  const { ids, headers } = await seed(request);
  const table = page.getByTestId("runs-table");
  await page.goto(`/p/${PROJECT}`);
  await expect(table.getByRole("link", { name: "archive-me" })).toBeVisible();

  // Archive: the run leaves the table; "Show archived" brings it back with a badge, and Restore undoes it.
  await table.getByLabel("Select archive-me").check();
  await page.getByRole("button", { name: "Archive run" }).click();
  await expect(table.getByRole("link", { name: "archive-me" })).toHaveCount(0);
  await expect(table.getByRole("link", { name: "keep-me" })).toBeVisible();
  await page.getByTestId("toggle-archived-runs").click();
  const archivedRow = table.locator("tr").filter({ has: page.getByRole("link", { name: "archive-me" }) });
  await expect(archivedRow).toContainText("archived");
  await archivedRow.getByLabel("Select archive-me").check();
  await page.getByRole("button", { name: "Restore run" }).click();
  await expect(archivedRow).not.toContainText("archived");

  // Delete asks first; Cancel keeps the run, "Delete for good" removes it.
  await page.goto(`/p/${PROJECT}`);
  await table.getByLabel("Select delete-me").check();
  await page.getByRole("button", { name: "Delete run" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Confirm delete" });
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(table.getByRole("link", { name: "delete-me" })).toBeVisible();
  await page.getByRole("button", { name: "Delete run" }).click();
  await confirm.getByRole("button", { name: "Delete for good" }).click();
  await expect(table.getByRole("link", { name: "delete-me" })).toHaveCount(0);
  expect((await request.get(`/api/v1/runs/${ids["delete-me"]}`, { headers })).status()).toBe(404);

  // From the run page: delete, and land back on the project.
  await page.goto(`/p/${PROJECT}/runs/${ids["delete-from-page"]}`);
  await page.getByTestId("run-lifecycle").getByRole("button", { name: "Delete run" }).click();
  await page.getByRole("alertdialog", { name: "Confirm delete" }).getByRole("button", { name: "Delete for good" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${PROJECT}$`));
  await expect(table.getByRole("link", { name: "delete-from-page" })).toHaveCount(0);
  await expect(table.getByRole("link", { name: "keep-me" })).toBeVisible();

  // The project: archive hides it from the projects page; delete needs its name typed.
  const panel = page.getByTestId("project-lifecycle");
  await panel.locator("summary").click();
  await panel.getByRole("button", { name: "Archive project" }).click();
  await expect(page.getByTestId("project-archived")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: new RegExp(`^${PROJECT}`) })).toHaveCount(0);
  await page.getByTestId("toggle-archived-projects").click();
  await page.getByRole("link", { name: new RegExp(`^${PROJECT}`) }).click();
  await panel.locator("summary").click();
  const remove = panel.getByRole("button", { name: "Delete project" });
  await expect(remove).toBeDisabled();
  await panel.getByLabel("Type the project name to confirm").fill(`${PROJECT}x`);
  await expect(remove).toBeDisabled();
  await panel.getByLabel("Type the project name to confirm").fill(PROJECT);
  await remove.click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/?archived=include");
  await expect(page.getByRole("link", { name: new RegExp(`^${PROJECT}`) })).toHaveCount(0);
  expect((await request.get(`/api/v1/runs/${ids["keep-me"]}`, { headers: SAME_ORIGIN })).status()).toBe(404);
});
