import { expect, test } from "@playwright/test";

// Plotly reads a subset of HTML in names and titles: a run or metric named like a link must show as text.
const RUN_A = `<a href="https://example.invalid/a">run a</a>`;
const RUN_B = `<b>run b</b> & co`;
const METRIC = `<a href="https://example.invalid/m">metric</a>`;

test("run and metric names that look like HTML are drawn as text in the charts, never as links", async ({ page, request }) => {
  const project = `plottext${Date.now()}`;
  const created = await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" }, headers: { "sec-fetch-site": "same-origin" } });
  expect(created.status()).toBe(201);
  const key = (await created.json()).key as string;
  const headers = { authorization: `Bearer ${key}` };
  const ids: string[] = [];
  for (const name of [RUN_A, RUN_B]) {
    const run = await request.post("/api/v1/runs", { headers, data: { project, name, group: METRIC } });
    const id = (await run.json()).id as string;
    const rows = Array.from({ length: 20 }, (_, step) => ({ step, values: { [METRIC]: Math.sin(step) + ids.length } }));
    expect((await request.post(`/api/v1/runs/${id}/metrics`, { headers, data: { rows } })).status()).toBe(200);
    ids.push(id);
  }

  await page.goto(`/p/${project}/compare?runs=${ids.join(",")}&metrics=${encodeURIComponent(METRIC)}`);
  const chart = page.locator("figure[data-metric]").first();
  await expect(chart.locator(".scatterlayer .js-line")).toHaveCount(2, { timeout: 60_000 });
  // Shown as written, in the legend; no link, no bold, nothing with an href anywhere in the charts.
  await expect(chart.locator(".legend")).toContainText(RUN_A);
  await expect(chart.locator(".legend")).toContainText(RUN_B);
  expect(await page.locator(".main-svg a, .main-svg [href], .main-svg b").count()).toBe(0);
});
