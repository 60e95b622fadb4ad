import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support";

/** A project of its own with two runs one group apart: alike but for β and a per-launch id, so no sweep is found by config. */
async function seed(request: APIRequestContext) {
  const project = `edit-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const headers = { authorization: `Bearer ${key}` };
  const ids: Record<string, string> = {};
  for (const [name, beta] of [
    ["launch-a", 0.05],
    ["launch-b", 0.2],
  ] as const) {
    const config = { beta, learning_rate: 5e-7, launch_id: name };
    const created = await request.post("/api/v1/runs", { headers, data: { project, name, group: name, algorithm: "dpo", config, tags: ["draft"] } });
    expect(created.ok()).toBe(true);
    ids[name] = ((await created.json()) as { id: string }).id;
    const rows = [0, 1, 2].map((step) => ({ step, values: { "logps/rejected": -10 - step * beta * 10 } }));
    expect((await request.post(`/api/v1/runs/${ids[name]}/metrics`, { headers, data: { batch_id: "b-1", rows } })).ok()).toBe(true);
  }
  return { project, ids, headers };
}

test("edit a run from its page, then group two runs from the table into a β sweep", async ({ page, request }) => {
  const { project, ids, headers } = await seed(request);
  await page.goto(`/p/${project}/sweeps`);
  await expect(page.getByRole("link", { name: /beta-sweep/ })).toHaveCount(0);

  await page.goto(`/p/${project}/runs/${ids["launch-a"]}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("launch-a");
  // Escape leaves the run as it was.
  await page.getByRole("button", { name: "Edit run" }).click();
  const form = page.getByRole("form", { name: "Edit run" });
  await form.getByLabel("Name").fill("discarded name");
  await page.keyboard.press("Escape");
  await expect(form).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("launch-a");

  await page.getByRole("button", { name: "Edit run" }).click();
  await form.getByLabel("Notes").fill("lr from the paper\nβ too low?");
  await form.getByLabel("Group").fill("first-try");
  await form.getByLabel("New tag").fill("baseline");
  await form.getByLabel("New tag").press("Enter");
  await form.getByRole("button", { name: "Remove tag draft" }).click();
  await expect(form.getByRole("list", { name: "Tags of the run" }).getByRole("listitem")).toHaveText(["baseline×"]);
  // An empty name is refused where it is typed; Enter in the name field saves once it is valid.
  await form.getByLabel("Name").fill("");
  await expect(form.getByText("A run needs a name")).toBeVisible();
  await expect(form.getByRole("button", { name: "Save" })).toBeDisabled();
  await form.getByLabel("Name").fill("β=0.05 launch a");
  await form.getByLabel("Name").press("Enter");
  await expect(form).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("β=0.05 launch a");
  await expect(page.getByTestId("run-notes")).toContainText("first-try");
  await expect(page.getByTestId("run-notes")).toContainText("β too low?");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("β=0.05 launch a");
  await expect(page.getByTestId("run-notes")).toContainText("lr from the paper");
  const saved = (await (await request.get(`/api/v1/runs/${ids["launch-a"]}`, { headers })).json()) as { group: string; tags: string[]; notes: string };
  expect(saved).toMatchObject({ group: "first-try", tags: ["baseline"], notes: "lr from the paper\nβ too low?" });

  await page.goto(`/p/${project}`);
  const table = page.getByTestId("runs-table");
  await table.getByLabel("Select β=0.05 launch a").check();
  await table.getByLabel("Select launch-b").check();
  await page.getByRole("button", { name: "Edit 2 runs" }).click();
  const bulk = page.getByRole("form", { name: "Edit 2 runs" });
  await bulk.getByLabel("Group", { exact: true }).fill("beta-sweep");
  await bulk.getByLabel("Add tag").fill("swept");
  await bulk.getByRole("button", { name: "Apply to 2 runs" }).click();
  await expect(bulk).toHaveCount(0);
  for (const id of Object.values(ids)) {
    const run = (await (await request.get(`/api/v1/runs/${id}`, { headers })).json()) as { group: string; tags: string[] };
    expect(run.group).toBe("beta-sweep");
    expect(run.tags).toContain("swept");
  }

  // Sweeps gather a group's runs that differ in one β: the two runs are one now, though their configs differ.
  await page.goto(`/p/${project}/sweeps`);
  const sweeps = page.getByRole("navigation", { name: "Sweeps" }).getByRole("link");
  await expect(sweeps).toHaveCount(1);
  await expect(sweeps.first()).toContainText("beta-sweep");
  await expect(sweeps.first()).toContainText("β × 2");
  await expect(page.getByTestId("sweep-final-table").locator("tbody tr")).toHaveCount(2);
});

test("a rename made elsewhere reaches an open run page without a reload", async ({ page, request }) => {
  const { project, ids, headers } = await seed(request);
  await page.goto(`/p/${project}/runs/${ids["launch-b"]}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("launch-b");
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  const renamed = await request.patch(`/api/v1/runs/${ids["launch-b"]}`, { headers, data: { name: "launch-b (β 0.2)", notes: "renamed by a teammate" } });
  expect(renamed.ok()).toBe(true);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("launch-b (β 0.2)");
  await expect(page.getByText("renamed by a teammate")).toBeVisible();
});
