import type { Page } from "@playwright/test";
import { dragToZoom, expect, openRun, test } from "./support";

/** The runs table or compare page once React has hydrated it and its live stream is up (controls work from then). */
const hydrated = (page: Page) => expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");

/** Compare's run search with `text` typed and its matches listed (text typed before hydration starts no search: type again). */
async function searchRuns(page: Page, text: string) {
  const search = page.getByLabel("Search runs");
  await expect(async () => {
    await search.fill("");
    await search.fill(text);
    await expect(page.getByRole("list", { name: "Matching runs" })).toBeVisible({ timeout: 2000 });
  }).toPass();
  return search;
}

test("an empty project shows how to log its first run, and the run appears without a reload", async ({ page, request }) => {
  const project = `empty-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  await page.goto(`/p/${project}`);
  const quickstart = page.getByTestId("project-quickstart");
  await expect(quickstart.getByRole("heading", { name: `No runs in ${project} yet` })).toBeVisible();
  await expect(quickstart).toContainText(`PrefScopeCallback(project="${project}")`);
  await expect(quickstart).toContainText(`npx prefscope import PATH --project '${project}'`);
  // A filter that matches nothing is not an empty project.
  await page.goto(`/p/${project}?q=${encodeURIComponent("algorithm = dpo")}`);
  await expect(page.getByText("No runs match.")).toBeVisible();
  await expect(page.getByTestId("project-quickstart")).toHaveCount(0);

  await page.goto(`/p/${project}`);
  await expect(quickstart).toBeVisible();
  const created = await request.post("/api/v1/runs", { headers: { authorization: `Bearer ${key}` }, data: { project, name: "first-run", algorithm: "dpo" } });
  expect(created.status()).toBe(201);
  await expect(page.getByTestId("runs-table").getByRole("link", { name: "first-run" })).toBeVisible();
  await expect(page.getByTestId("project-quickstart")).toHaveCount(0);
});

test("an unknown project or run answers 404 with a way back", async ({ page, pageProblems }) => {
  pageProblems.expect({ status: 404 });
  for (const path of ["/p/no-such-project", "/p/demo/runs/00000000-0000-4000-8000-000000000000"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Nothing here" })).toBeVisible();
    await page.getByRole("link", { name: "← All projects" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  }
});

test("keyboard: a skip link leads past the header, and the columns popover takes focus and closes on Escape or a click outside", async ({ page }) => {
  await page.goto("/p/demo");
  await hydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  const columns = page.getByRole("button", { name: /^Columns/ });
  await columns.click();
  const popover = page.getByRole("dialog", { name: "Choose columns" });
  await expect(popover.getByRole("textbox", { name: "Search columns" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(popover).toHaveCount(0);
  await expect(columns).toBeFocused();
  await columns.click();
  await expect(popover).toBeVisible();
  await page.getByRole("heading", { level: 1 }).click();
  await expect(popover).toHaveCount(0);
});

test("flag badges say their severity in words, not only in colour", async ({ page }) => {
  await page.goto(`/p/demo?flag=drastic_drop`);
  const badge = page.getByTestId("runs-table").locator('[data-flag="drastic_drop"]').first();
  await expect(badge).toHaveText(/^Drastic drop\s*(info|warning|critical)$/);
  // The evidence is reachable without a mouse: the badge is a button that opens it; Escape closes it.
  await badge.focus();
  await page.keyboard.press("Enter");
  const evidence = page.getByRole("dialog", { name: /^Evidence: Drastic drop/ }).first();
  await expect(evidence).toBeVisible();
  await expect(evidence).toContainText(/Drop ratio \(rejected fall ÷ chosen change\)\s*[\d.]+ ×\s*\(≥ (2|3|10) ×\)/);
  await page.keyboard.press("Escape");
  await expect(evidence).toBeHidden();
});

test("a run with nothing the 3D checks can read says so, instead of a green all-clear", async ({ page, request }) => {
  const project = `nodata-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  const run = (await (await request.post("/api/v1/runs", { headers: auth, data: { project, name: "loss-only" } })).json()) as { id: string };
  const rows = [0, 1, 2].map((step) => ({ step, values: { loss: 0.7 - step / 10 } }));
  expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers: auth, data: { batch_id: "b-1", rows } })).ok()).toBe(true);
  await page.goto(`/p/${project}/runs/${run.id}`);
  await expect(page.getByTestId("diagnostics-no-data")).toContainText("Nothing to check yet");
  await expect(page.getByTestId("diagnostics-panel")).not.toContainText("No flags");
});

test("a DPO run whose config has no β says the diagnostics assumed one, in the open", async ({ page, request }) => {
  const project = `nobeta-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  const create = (name: string, config: Record<string, unknown>) => request.post("/api/v1/runs", { headers: auth, data: { project, name, algorithm: "dpo", config } });
  const rows = [0, 1, 2, 3].map((step) => ({ step, values: { "logps/chosen": -10 - step, "logps/rejected": -12 - 3 * step } }));
  const assumed = (await (await create("no-beta", {})).json()) as { id: string };
  const given = (await (await create("beta-given", { beta: 0.1 })).json()) as { id: string };
  for (const run of [assumed, given]) expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers: auth, data: { batch_id: "b-1", rows } })).ok()).toBe(true);
  await page.goto(`/p/${project}/runs/${assumed.id}`);
  await expect(page.getByTestId("diagnostics-assumptions")).toContainText("config has no beta; used 0.1");
  await page.goto(`/p/${project}/runs/${given.id}`);
  await expect(page.getByTestId("diagnostics-panel")).toBeVisible();
  await expect(page.getByTestId("diagnostics-assumptions")).not.toContainText("beta");
});

test("at 1280 px the run names stay in view while the runs table scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const columns = ["name", "algorithm", "status", "flags", "tags", "config.beta", "config.scenario", "config.seed", "metric.loss.last", "metric.loss.min"];
  await page.goto(`/p/demo?cols=${columns.join(",")}&q=${encodeURIComponent("tag:toy")}`);
  const table = page.getByTestId("runs-table");
  const name = table.getByRole("link", { name: "toy-s4-dpo-b0.1-seed3" });
  await expect(name).toBeVisible();
  const scroller = table.locator("xpath=..");
  const before = (await name.boundingBox())!.x;
  await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await expect.poll(async () => (await name.boundingBox())!.x).toBe(before);
});

test("a filter that matches nothing says which key, metric or algorithm no run has, and the nearest one", async ({ page }) => {
  await page.goto(`/p/demo?q=${encodeURIComponent("config.bta < 0.1 AND metric.los.last < 0.3")}`);
  const hints = page.getByTestId("query-hints");
  await expect(hints).toContainText('No run in this project has the config key "bta". Did you mean config.beta?');
  await expect(hints).toContainText('No run in this project logged a metric named "los". Did you mean metric.loss?');
  await page.goto(`/p/demo?q=${encodeURIComponent("algorithm = dpoo")}`);
  await expect(hints).toContainText('has the algorithm "dpoo"');
  await expect(hints).toContainText("Did you mean dpo?");
  await page.goto(`/p/demo?q=${encodeURIComponent("algorithm = dpo")}`);
  await expect(page.getByTestId("runs-table")).toBeVisible();
  await expect(hints).toHaveCount(0);
});

test("at 390 px no page scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const wideness = () => page.evaluate(() => document.documentElement.scrollWidth);
  for (const path of ["/", "/p/demo", "/p/demo/tables", "/p/demo/compare", "/p/demo/sweeps", "/p/demo/dpo-vs-rm", "/p/demo/reports", "/lab"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await wideness(), path).toBeLessThanOrEqual(390);
  }
  await openRun(page, "toy-s1-dpo-b0.1-seed1");
  await page.waitForLoadState("networkidle");
  expect(await wideness(), "run page").toBeLessThanOrEqual(390);
});

test("at 390 px a chart's legend sits below it, clear of Plotly's toolbar", async ({ page, request }) => {
  const body = await (await request.get("/api/v1/runs?project=demo&limit=1000")).json();
  const ids = Object.fromEntries(body.runs.map((r: { name: string; id: string }) => [r.name, r.id]));
  await page.setViewportSize({ width: 390, height: 800 });
  // Two runs overlaid: a legend; a hover (a tap on a phone) shows the toolbar.
  await page.goto(`/p/demo/compare?runs=${ids["toy-s1-dpo-b0.1-seed1"]},${ids["toy-s1-flex_dpo-bw0.1-bl0.1-seed1"]}`);
  const loss = page.locator('figure[data-metric="logps/chosen"]');
  await loss.scrollIntoViewIfNeeded();
  await expect(loss.locator(".infolayer .legend")).toBeVisible();
  await loss.locator(".nsewdrag").first().hover();
  await expect(loss.locator(".modebar")).toBeVisible();
  const [legend, toolbar, plot] = await Promise.all([
    loss.locator(".infolayer .legend").boundingBox(),
    loss.locator(".modebar").boundingBox(),
    loss.locator(".nsewdrag").first().boundingBox(),
  ]);
  expect(legend!.y, "legend below the plot area").toBeGreaterThanOrEqual(plot!.y + plot!.height);
  expect(legend!.y, "legend below the toolbar").toBeGreaterThanOrEqual(toolbar!.y + toolbar!.height);
});

test("a run's metrics come in sections by prefix", async ({ page }) => {
  await openRun(page, "toy-s1-dpo-b0.1-seed1");
  const logps = page.getByRole("region", { name: "logps/ metrics" });
  await expect(logps.getByRole("heading", { name: "logps/ (2)" })).toBeVisible();
  await expect(logps.locator("figure[data-metric]")).toHaveCount(2);
  await expect(page.getByRole("region", { name: "General metrics" }).locator('figure[data-metric="loss"]')).toBeVisible();
  await expect(page.getByRole("region", { name: "rewards/ metrics" }).locator('figure[data-metric="rewards/margins"]')).toBeAttached();
});

test("compare's run search is keyboard-driven: arrows move, Enter adds, Escape clears", async ({ page }) => {
  await page.goto("/p/demo/compare");
  const search = await searchRuns(page, "toy-s1-dpo");
  const results = page.getByRole("list", { name: "Matching runs" }).locator("li");
  await expect(results.nth(1)).toBeVisible();
  await expect(results.first()).toHaveAttribute("data-active", "true");
  await search.press("ArrowDown");
  await expect(results.nth(1)).toHaveAttribute("data-active", "true");
  const name = (await results.nth(1).locator(".font-medium").innerText()).trim();
  await search.press("Enter");
  await expect(page.locator("[data-run-chip]")).toHaveCount(1);
  await expect(page.locator("[data-run-chip] a")).toHaveAttribute("title", name);
  await search.press("Escape");
  await expect(search).toHaveValue("");
});

test("compare smooths every run's line, with the setting in the URL", async ({ page }) => {
  await page.goto("/p/demo/compare");
  const search = await searchRuns(page, "toy-s1-dpo-b0.1-seed1");
  await expect(page.getByRole("button", { name: "Add toy-s1-dpo-b0.1-seed1" })).toBeVisible();
  await search.press("Enter");
  await expect(page.locator("[data-run-chip]")).toHaveCount(1);
  await page.getByLabel("Smoothing").fill("0.6");
  await expect(page).toHaveURL(/smooth=0\.6/);
  // A smoothed line has its raw line faint behind it: two traces per run in each chart.
  const chart = page.locator("figure").filter({ hasText: "logps/rejected" }).first();
  await expect(chart.locator(".scatterlayer .trace")).toHaveCount(2);
  await page.reload();
  await expect(page.getByLabel("Smoothing")).toHaveValue("0.6");
});

test("sync zoom: zooming one chart zooms every chart to the same steps, and a double-click resets them all", async ({ page }) => {
  await openRun(page, "toy-s2-dpo-b0.1-seed1");
  const loss = page.locator('figure[data-metric="loss"]');
  const other = page.locator('figure[data-metric="logps/rejected"]');
  await expect(loss.locator(".main-svg").first()).toBeVisible(); // drawn: the page has hydrated
  await page.getByLabel("sync zoom").click();
  await expect(page).toHaveURL(/sync=1/);
  const box = await dragToZoom(page, loss);
  await expect(loss.getByTestId("point-count")).toContainText("zoomed");
  await expect(other.getByTestId("point-count")).toContainText("zoomed");
  const xRange = (figure: typeof loss) =>
    figure.getByTestId("plotly-chart").evaluate((el) => (el as unknown as { _fullLayout: { xaxis: { range: number[] } } })._fullLayout.xaxis.range.map(Math.round));
  await expect.poll(async () => JSON.stringify(await xRange(other))).toBe(JSON.stringify(await xRange(loss)));
  expect((await xRange(loss))[0]).toBeGreaterThan(50);

  await loss
    .locator(".draglayer .nsewdrag")
    .first()
    .dblclick({ position: { x: box.width * 0.5, y: box.height * 0.4 } });
  await expect(other.getByTestId("point-count")).not.toContainText("zoomed");
  await expect(loss.getByTestId("point-count")).not.toContainText("zoomed");
});

test("grouped rows show each numeric column's mean ± standard deviation over the group", async ({ page }) => {
  const cols = ["name", "algorithm", "config.seed", "metric.loss.last"].join(",");
  await page.goto(`/p/demo?q=${encodeURIComponent("tag:scenario-table")}&group=config.scenario&cols=${cols}`);
  const group = page.getByTestId("runs-table").locator('tr[data-group="2"]');
  await expect(group).toContainText("(3)");
  const cells = group.locator("td");
  await expect(cells.nth(2)).toHaveText(""); // algorithm: text, no summary
  await expect(cells.nth(3)).toHaveText("2 ± 1"); // seeds 1, 2, 3
  await expect(cells.nth(4)).toHaveText(/^-?[\d.e-]+ ± [\d.e-]+$/);
  await expect(cells.nth(4)).toHaveAttribute("title", "mean ± standard deviation over 3 runs");
});

test("the filter box completes field names, config keys and metric names from the project", async ({ page }) => {
  await page.goto("/p/demo");
  await hydrated(page);
  const box = page.getByRole("combobox", { name: "Filter runs" });
  await box.click();
  await box.pressSequentially("config.be");
  const list = page.getByRole("listbox", { name: "Completions" });
  await expect(list.getByRole("option", { name: "config.beta", exact: true })).toBeVisible();
  await box.press("ArrowDown");
  await expect(list.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  const first = await list.getByRole("option").first().innerText();
  await box.press("Enter");
  await expect(box).toHaveValue(`${first} `);
  await box.pressSequentially("< 0.2 AND metric.lo");
  await list.getByRole("option", { name: "metric.loss.last" }).click();
  await expect(box).toHaveValue(`${first} < 0.2 AND metric.loss.last `);
  await box.pressSequentially("< 100");
  await box.press("Enter");
  await expect(page).toHaveURL(/q=config\.beta/);
  await expect(page.getByTestId("runs-table")).toBeVisible();
});

test("runs group by two keys, each group labelled with both values", async ({ page }) => {
  await page.goto(`/p/demo?q=${encodeURIComponent("tag:toy AND config.scenario IN (1, 2)")}&group=config.scenario`);
  await hydrated(page);
  // A select changed before React hydrates is ignored; retry until the URL takes the second key.
  await expect(async () => {
    await page.getByLabel("Then by").selectOption("algorithm");
    await expect(page).toHaveURL(/group=config\.scenario(%2C|,)algorithm/, { timeout: 1000 });
  }).toPass();
  const table = page.getByTestId("runs-table");
  await expect(table.locator('tr[data-group="1 · reward_model"]')).toContainText("config.scenario = 1, algorithm = reward_model (3)");
  await expect(table.locator('tr[data-group="2 · dpo"]')).toContainText("config.scenario = 2, algorithm = dpo");
});
