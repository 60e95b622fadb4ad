import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support";

const headers = () => ({ authorization: `Bearer ${process.env.PREFSCOPE_E2E_KEY!}` });

/** Logs rows through the public API, as a training client does. */
async function log(request: APIRequestContext, runId: string, rows: { step: number; values: Record<string, number | string> }[], auth = headers()) {
  const response = await request.post(`/api/v1/runs/${runId}/metrics`, { headers: auth, data: { rows } });
  expect(response.status()).toBe(200);
}

const steps = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ step: from + i, values: { loss: 1 / (from + i + 1) } }));

test("a run page follows the run as it logs: points, new metrics and a non_finite flag appear without a reload", async ({ page, request }) => {
  const run = await (await request.post("/api/v1/runs", { headers: headers(), data: { project: "demo", name: `e2e-live-${randomUUID().slice(0, 6)}` } })).json();
  await log(request, run.id, steps(0, 5));
  await page.goto(`/p/demo/runs/${run.id}`);
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const loss = page.locator('figure[data-metric="loss"]');
  await expect(loss.getByTestId("point-count")).toHaveText(/^5 points/);

  for (let from = 5; from < 20; from += 5) await log(request, run.id, steps(from, from + 5));
  await expect(loss.getByTestId("point-count")).toHaveText(/^20 points/);

  await log(request, run.id, [{ step: 20, values: { loss: 0.04, "rewards/margins": 1.5 } }]);
  await expect(page.locator('figure[data-metric="rewards/margins"]')).toBeVisible();

  await log(request, run.id, [{ step: 21, values: { loss: "NaN" } }]);
  await expect(page.locator('header [data-flag="non_finite"]')).toBeVisible();
  // Still the same document: nothing above came from a reload.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test("the runs table takes new runs, status and progress as they are written", async ({ page, request }) => {
  const project = `live-${randomUUID().slice(0, 8)}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  const first = await (await request.post("/api/v1/runs", { headers: auth, data: { project, name: "first" } })).json();
  await log(request, first.id, steps(0, 3), auth);
  await page.goto(`/p/${project}`);
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  const table = page.getByTestId("runs-table");
  await expect(table.getByRole("link", { name: "first" })).toBeVisible();

  await log(request, first.id, steps(3, 10), auth);
  await expect(table.getByTestId("run-progress")).toContainText("step 9");

  const second = await (await request.post("/api/v1/runs", { headers: auth, data: { project, name: "second" } })).json();
  await expect(table.getByRole("link", { name: "second" })).toBeVisible();

  expect((await request.patch(`/api/v1/runs/${second.id}`, { headers: auth, data: { status: "finished" } })).status()).toBe(200);
  await expect(table.getByRole("row", { name: /second/ })).toContainText("finished");
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
