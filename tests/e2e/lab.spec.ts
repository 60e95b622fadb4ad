import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";

/** Points in each Plotly trace of a chart (the first chart element inside the figure). */
async function tracePoints(figure: Locator): Promise<number[]> {
  return figure.locator(".js-plotly-plot").evaluate((el) => ((el as unknown as { data?: { x: unknown[] }[] }).data ?? []).map((t) => t.x.length));
}

const chart = (page: Page, id: string) => page.locator(`figure[data-chart="${id}"]`);

test("lab: scenario 1 + DPO fills Figures 2–3 live, saves as a run, and the run page shows the drastic drop", async ({ page, browser }) => {
  test.slow(); // every wait below is for a state; on a loaded machine they add up past the default 60 s
  await page.goto("/lab?scenario=2&algorithm=ipo&tau=0.5");
  await page.getByRole("button", { name: /Scenario 1/ }).click();
  await page.getByLabel("Algorithm").selectOption("dpo");
  await page.getByLabel("Steps").fill("300");
  await expect(page.getByRole("button", { name: /Scenario 1/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("probability-1")).toHaveText("0.120");
  await expect(page).toHaveURL(/\?scenario=1&algorithm=dpo&beta=0\.1&steps=300&seed=1$/);

  // The lab paces a run by the page's clock (requestAnimationFrame and its timestamps); the test holds that clock
  // and moves it itself, so every state in between is one the test chose to look at, however slow the machine.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const seen: number[] = [];
  for (let i = 0; i < 4; i++) {
    await page.clock.runFor(160);
    const text = await page.getByTestId("lab-step").innerText();
    const step = Number(/^step (\d+) \/ 300$/.exec(text)?.[1]);
    // The charts hold exactly the steps the counter names: 0 to `step`.
    // A generous deadline for a state (the first look waits for Plotly itself to load), not a pace.
    await expect.poll(() => tracePoints(chart(page, "probabilities")), { timeout: 45_000 }).toEqual([step + 1, step + 1, step + 1]);
    await expect(page.getByTestId("lab-status")).toHaveText("Running…");
    seen.push(step);
  }
  // Four looks at a run paced to 2.4 s, 160 ms apart: strictly growing, none at the end yet.
  expect(seen[0]).toBeGreaterThan(0);
  expect(seen.every((step, i) => i === 0 || step > seen[i - 1]!)).toBe(true);
  expect(seen[3]).toBeLessThan(300);
  await page.clock.runFor(5000);
  await expect(page.getByTestId("lab-step")).toHaveText("step 300 / 300");
  await expect(page.getByTestId("lab-status")).toHaveText("Done");
  await page.clock.resume(); // saving below waits on the page's own timers

  // Figure 2: πw, πl, unseen mass; Figure 3: both gradients and their ratio; every step from 0 to 300.
  await expect.poll(() => tracePoints(chart(page, "probabilities"))).toEqual([301, 301, 301]);
  await expect.poll(() => tracePoints(chart(page, "gradients"))).toEqual([301, 301, 301]);
  await expect(chart(page, "probabilities").locator(".legend")).toContainText("unseen mass");
  await expect(chart(page, "gradients").locator(".legend")).toContainText("ln ratio l/w");
  await page.screenshot({ path: `${shots}/lab.png`, fullPage: true });

  await expect(page.getByLabel("Project")).toHaveValue("demo");
  await page.getByRole("button", { name: "Save as run" }).click();
  const link = page.getByTestId("saved-run-link");
  await expect(link).toContainText("toy-s1-dpo-b0.1-seed1");
  await expect(page.getByRole("status").locator('[data-flag="drastic_drop"]')).toBeVisible();
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/p\/demo\/runs\/[0-9a-f-]{36}$/);

  // The run page in a context of its own, on real time: the lab's context keeps the test's clock, under which the
  // run page's data never loaded.
  const viewer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await viewer.goto(href!);
  await expect(viewer.getByRole("heading", { name: "toy-s1-dpo-b0.1-seed1" })).toBeVisible();
  const panel = viewer.getByTestId("diagnostics-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("flag-drastic_drop")).toContainText("Drop ratio");
  // The onset marker on the diagnostics charts is labelled as the badge is, never by the property's field name.
  await expect(panel.locator(".annotation-text", { hasText: "Drastic drop" }).first()).toBeAttached();
  await expect(panel.locator(".annotation-text", { hasText: "drastic_drop" })).toHaveCount(0);
  await expect(viewer.getByTestId("run-config")).toContainText("steps");
  await expect(viewer.getByTestId("run-config")).toContainText("300");
  await viewer.screenshot({ path: `${shots}/lab-saved-run.png`, fullPage: true });
  await viewer.context().close();
});

test("lab: a permalink restores the setup; dragging a bar makes a custom start that sums to 1; Stop keeps what was drawn", async ({ page }) => {
  test.slow();
  await page.goto("/lab?scenario=3&algorithm=flex_dpo&beta_w=0.1&beta_l=0.02&steps=5000&seed=4");
  await expect(page.getByRole("button", { name: /Scenario 3/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Algorithm")).toHaveValue("flex_dpo");
  await expect(page.getByRole("textbox", { name: /^β_l/ })).toHaveValue("0.02");
  await expect(page.getByLabel(/KL strength/)).toHaveCount(0);

  const bar = page.getByRole("slider", { name: "Response 9 (unseen)" });
  const box = (await bar.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId("custom-scenario")).toHaveAttribute("aria-current", "true");
  // Half the track's height on a square-root scale is p = 0.25; the other nine share the rest.
  await expect(page.getByTestId("probability-9")).toHaveText(/^0\.2[45]\d$/);
  await expect(page.getByTestId("distribution-sum")).toHaveText("Σ = 1.000");
  await expect(page).toHaveURL(/scenario=custom&dist=/);
  await page.screenshot({ path: `${shots}/lab-custom.png`, fullPage: true });
  const dragged = await page.getByTestId("probability-9").innerText();
  await page.reload();
  await expect(page.getByTestId("probability-9")).toHaveText(dragged);

  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.clock.runFor(500);
  await expect(page.getByTestId("lab-step")).not.toHaveText(/^step 0 /);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("lab-status")).toHaveText("Stopped");
  const stoppedAt = await page.getByTestId("lab-step").innerText();
  const stoppedStep = Number(/^step (\d+) \/ 5000$/.exec(stoppedAt)![1]);
  expect(stoppedStep).toBeLessThan(5000);
  await expect.poll(() => tracePoints(chart(page, "probabilities")), { timeout: 45_000 }).toEqual([stoppedStep + 1, stoppedStep + 1, stoppedStep + 1]);
  // Past the whole run's pace (5000 steps take 6 s of the page's clock): a loop still going would reach 5000.
  await page.clock.runFor(10_000);
  await expect(page.getByTestId("lab-step")).toHaveText(stoppedAt);
  expect(await tracePoints(chart(page, "probabilities"))).toEqual([stoppedStep + 1, stoppedStep + 1, stoppedStep + 1]);
  await page.clock.resume();
  // Saving stores what was drawn: the run up to the step where it stopped.
  await expect(page.getByText(`Stores the run drawn here (${stoppedStep} steps)`)).toBeVisible();
});

test("lab API: validates the setup and refuses another site's page", async ({ request }) => {
  const setup = { project: "demo", scenario: 1, algorithm: "dpo", beta: 0.1, steps: 20, seed: 1 };
  const headers = { authorization: `Bearer ${process.env.PREFSCOPE_E2E_KEY}` };
  const tooLong = await request.post("/api/v1/lab/runs", { headers, data: { ...setup, steps: 5001 } });
  expect(tooLong.status()).toBe(422);
  expect((await tooLong.json()).error.path).toEqual(["steps"]);
  // Local mode: anyone on this machine may save, but not a page of another site (the browser says which).
  expect((await request.post("/api/v1/lab/runs", { data: setup, headers: { "sec-fetch-site": "cross-site" } })).status()).toBe(403);
  const created = await request.post("/api/v1/lab/runs", { headers, data: { ...setup, scenario: "custom", initial_distribution: Array(10).fill(0.1), name: "lab-api" } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body.run).toMatchObject({ name: "lab-api", project: "demo", algorithm: "dpo", status: "finished", tags: ["toy", "lab"] });
  expect(body.run.config).toMatchObject({ scenario: "custom", steps: 20, beta: 0.1 });
  expect(body.url).toBe(`/p/demo/runs/${body.run.id}`);
});
