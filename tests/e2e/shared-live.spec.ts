import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support";

/** A project of its own with one key: its runs and reports are this test's alone. */
async function newProject(request: APIRequestContext) {
  const project = `shared-live-${randomUUID().slice(0, 8)}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  return { project, auth: { authorization: `Bearer ${key}` } };
}

test("a live link of a tables report draws its runs' new values without a reload, the last of a burst too", async ({ page, request }) => {
  const { project, auth } = await newProject(request);
  const post = async (path: string, data: unknown) => {
    const response = await request.post(path, { headers: auth, data });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return response.json();
  };
  const log = (run: string, step: number, loss: number) => post(`/api/v1/runs/${run}/metrics`, { rows: [{ step, values: { loss } }] });
  const run = (await post("/api/v1/runs", { project, name: "seed-0", group: "g" })).id as string;
  await log(run, 0, 0.5);
  const report = await post(`/api/v1/projects/${project}/reports`, { title: "Live table", url: "/tables?group=group&col=last:lower:loss&ref=" });
  const link = await post(`/api/v1/projects/${project}/reports/${report.id}/share-links`, { mode: "live" });

  await page.goto(link.path);
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const row = page.getByTestId("results-table").locator('tr[data-row="g"]');
  await expect(row).toContainText("0.5");

  // Two writes in a row: the first redraws at once, the second falls in the throttle's window and must still show.
  await log(run, 1, 0.25);
  await log(run, 2, 0.125);
  await expect(row).toContainText("0.125");
  await expect(page.getByTestId("live-state")).not.toHaveAttribute("data-events", "0");
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
