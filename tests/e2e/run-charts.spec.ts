import { readFileSync } from "node:fs";
import { dragToZoom, expect, openRun, test } from "./support";

test("run charts: smoothing and axes live in the URL, zoom fetches detail, CSV downloads the exact data", async ({ page }) => {
  await openRun(page, "toy-s2-dpo-b0.1-seed1");
  const loss = page.locator('figure[data-metric="loss"]');
  await expect(loss.locator(".main-svg").first()).toBeVisible();

  await page.getByLabel("Smoothing").fill("0.8");
  await expect(page).toHaveURL(/smooth=0\.8/);
  await expect(loss.locator(".scatterlayer .trace")).toHaveCount(2);

  await page.getByLabel("x axis").selectOption("time");
  await expect(page).toHaveURL(/x=time/);
  await expect(loss).toContainText("wall time");
  await page.getByLabel("x axis").selectOption("step");
  await expect(page).toHaveURL(/x=step/);
  await expect(loss).not.toContainText("wall time");

  const plot = loss.locator(".draglayer .nsewdrag").first();
  await expect(plot).toBeAttached();
  await dragToZoom(page, loss);
  await expect(loss.getByTestId("point-count")).toContainText("zoomed");

  const [download] = await Promise.all([page.waitForEvent("download"), loss.getByRole("link", { name: "Download loss as CSV" }).click()]);
  const text = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\n");
  expect(text[0]).toBe("key,step,value,wall_time");
  expect(text).toHaveLength(1 + 501);
  await page.screenshot({ path: "tests/.artifacts/screenshots/run-charts.png", fullPage: false });
});

test("a run with many series loads its charts a page at a time, with a filter for the rest", async ({ page, request }) => {
  const headers = { authorization: `Bearer ${process.env.PREFSCOPE_E2E_KEY!}` };
  const run = await (await request.post("/api/v1/runs", { headers, data: { project: "demo", name: "e2e-many-series" } })).json();
  const values = Object.fromEntries(Array.from({ length: 75 }, (_, i) => [`m/${String(i).padStart(2, "0")}`, i]));
  expect(
    (
      await request.post(`/api/v1/runs/${run.id}/metrics`, {
        headers,
        data: {
          rows: [
            { step: 0, values },
            { step: 1, values },
          ],
        },
      })
    ).status(),
  ).toBe(200);
  const asked: string[] = [];
  page.on("request", (r) => void (r.url().includes(`/api/v1/runs/${run.id}/metrics?`) && asked.push(r.url())));
  await page.goto(`/p/demo/runs/${run.id}`);
  const charts = page.locator("figure[data-metric]");
  await expect(page.getByText("Showing 30 of 75 metrics")).toBeVisible();
  await expect(charts).toHaveCount(30);
  expect(asked.every((url) => new URL(url).searchParams.get("limit") === "30")).toBe(true);
  await page.getByRole("button", { name: "Show 30 more" }).click();
  await expect(charts).toHaveCount(60);
  await page.getByRole("button", { name: "Show 15 more" }).click();
  await expect(charts).toHaveCount(75);
  await expect(page.getByRole("button", { name: /Show \d+ more/ })).toHaveCount(0);
  await page.getByLabel("Filter metrics").fill("m/7");
  await expect(page.getByText("Showing 5 of 5 matching metrics")).toBeVisible();
  await expect(charts).toHaveCount(5);
  await expect(page.locator('figure[data-metric="m/74"]')).toBeVisible();
});

test("a one-point series draws its point, and log scale on negative log-probs stays linear and says why", async ({ page, request }) => {
  const headers = { authorization: `Bearer ${process.env.PREFSCOPE_E2E_KEY!}` };
  const run = await (await request.post("/api/v1/runs", { headers, data: { project: "demo", name: "e2e-log-and-one-point" } })).json();
  const rows = [0, 1, 2].map((step) => ({ step, values: { "logps/rejected": -40 - step * 3, "train/loss": 0.7 / (step + 1), ...(step === 2 ? { "eval/accuracy": 0.61 } : {}) } }));
  expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers, data: { rows } })).status()).toBe(200);
  await page.goto(`/p/demo/runs/${run.id}?log=1`);
  const single = page.locator('figure[data-metric="eval/accuracy"]');
  await expect(single.locator(".scatterlayer .point")).toHaveCount(1);
  const logps = page.locator('figure[data-metric="logps/rejected"]');
  await expect(logps.getByTestId("log-scale-note")).toBeVisible();
  await expect(logps.locator(".scatterlayer .trace path.js-line")).toHaveCount(1);
  // Positive values take the log scale: no note there.
  const loss = page.locator('figure[data-metric="train/loss"]');
  await expect(loss.locator(".main-svg").first()).toBeVisible();
  await expect(loss.getByTestId("log-scale-note")).toHaveCount(0);
  await expect(loss.locator(".yaxislayer-above .ytick").first()).toBeAttached();
});

test("wall time: a run's logged times draw a training; rows sent without times draw against step, saying why", async ({ page, request }) => {
  // The demo runs carry wall times 0.5 s a step apart: the axis spans the training.
  await openRun(page, "toy-s1-dpo-b0.1-seed1");
  await page.getByLabel("x axis").selectOption("time");
  const loss = page.locator('figure[data-metric="loss"]');
  await expect(loss).toContainText("wall time");
  await expect(loss.getByTestId("time-collapsed")).toHaveCount(0);

  const project = `timeless-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  const run = (await (await request.post("/api/v1/runs", { headers: auth, data: { project, name: "imported" } })).json()) as { id: string };
  const rows = Array.from({ length: 20 }, (_, step) => ({ step, values: { loss: 0.7 - step / 100 } }));
  expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers: auth, data: { rows } })).ok()).toBe(true);
  await page.goto(`/p/${project}/runs/${run.id}?x=time`);
  const card = page.locator('figure[data-metric="loss"]');
  await expect(card.getByTestId("time-collapsed")).toContainText("drawn against step");
  await expect(card.locator(".xtitle")).toHaveText("step");
});

test("charts draw one at a time: each chart in view appears in a task of its own, so the first shows before the rest are drawn", async ({ page }) => {
  // Every task that added charts, as the number of charts it added: a MutationObserver's callback runs once per task.
  await page.addInitScript(() => {
    const batches: number[] = [];
    (window as unknown as { chartBatches: number[] }).chartBatches = batches;
    new MutationObserver((records) => {
      const added = records.flatMap((r) => [...r.addedNodes]).filter((n) => n instanceof Element && n.classList.contains("plot-container"));
      if (added.length > 0) batches.push(added.length);
    }).observe(document, { childList: true, subtree: true });
  });
  await openRun(page, "toy-s2-dpo-b0.1-seed1");
  await expect(page.locator("figure[data-metric] .main-svg").nth(3)).toBeAttached();
  const batches = await page.evaluate(() => (window as unknown as { chartBatches: number[] }).chartBatches);
  // Plotly's own warm-up chart (hidden, drawn when the page is idle) counts as one too.
  expect(batches.length).toBeGreaterThanOrEqual(4);
  expect(
    batches.every((n) => n === 1),
    `charts added per task: ${batches.join(", ")}`,
  ).toBe(true);
});

test("a drawn chart redraws in place: changing the smoothing never shows a chart blank for a frame", async ({ page }) => {
  await openRun(page, "toy-s2-dpo-b0.1-seed1");
  const charts = page.locator("figure[data-metric] [data-testid='plotly-chart']");
  await expect(charts.nth(2).locator(".main-svg").first()).toBeAttached();
  // Counts the frames, from here on, in which a chart drawn before is without its plot.
  await page.evaluate(() => {
    const drawn = [...document.querySelectorAll("figure[data-metric] [data-testid='plotly-chart']")].filter((c) => c.querySelector(".main-svg"));
    const w = window as unknown as { blankFrames: number; watching: boolean };
    w.blankFrames = 0;
    w.watching = true;
    const look = () => {
      if (drawn.some((c) => !c.querySelector(".main-svg"))) w.blankFrames++;
      if (w.watching) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.getByLabel("Smoothing").fill("0.8");
  await expect(page.locator('figure[data-metric="loss"] .scatterlayer .trace')).toHaveCount(2);
  await expect(charts.nth(2).locator(".scatterlayer .trace")).toHaveCount(2);
  const blank = await page.evaluate(() => {
    const w = window as unknown as { blankFrames: number; watching: boolean };
    w.watching = false;
    return w.blankFrames;
  });
  expect(blank).toBe(0);
});
