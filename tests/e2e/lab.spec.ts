import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";

/** Points in each Plotly trace of a chart (the first chart element inside the figure). */
async function tracePoints(figure: Locator): Promise<number[]> {
  return figure.locator(".js-plotly-plot").evaluate((el) => ((el as unknown as { data?: { x: unknown[] }[] }).data ?? []).map((t) => t.x.length));
}

const chart = (page: Page, id: string) => page.locator(`figure[data-chart="${id}"]`);

test("lab: scenario 1 + DPO fills Figures 2–3 live, saves as a run, and the run page shows the drastic drop", async ({ page }) => {
  await page.goto("/lab?scenario=2&algorithm=ipo&tau=0.5");
  await page.getByRole("button", { name: /Scenario 1/ }).click();
  await page.getByLabel("Algorithm").selectOption("dpo");
  await page.getByLabel("Steps").fill("300");
  await expect(page.getByRole("button", { name: /Scenario 1/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("probability-1")).toHaveText("0.120");
  await expect(page).toHaveURL(/\?scenario=1&algorithm=dpo&beta=0\.1&steps=300&seed=1$/);

  // Record every change the page makes while it runs (in the page, on each DOM mutation, so no intermediate state
  // is missed however fast or slow the machine is): the counter and the charts must move through the steps.
  await page.evaluate(() => {
    const log: { text: string; points: number }[] = [];
    (window as unknown as { labSamples: typeof log }).labSamples = log;
    const record = () => {
      const text = document.querySelector('[data-testid="lab-step"]')?.textContent ?? "";
      const plot = document.querySelector('figure[data-chart="probabilities"] .js-plotly-plot') as unknown as { data?: { x: unknown[] }[] } | null;
      log.push({ text, points: plot?.data?.[0]?.x.length ?? 0 });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("lab-step")).toHaveText("step 300 / 300", { timeout: 60_000 });
  const samples = await page.evaluate(() => (window as unknown as { labSamples: { text: string; points: number }[] }).labSamples);
  expect(samples.some((s) => s.points > 1 && s.points < 301)).toBe(true);
  expect(samples.some((s) => /^step ([1-9]\d?|[12]\d\d) \/ 300$/.test(s.text))).toBe(true);
  await expect(page.getByTestId("lab-status")).toHaveText("Done");

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
  await link.click();

  await expect(page).toHaveURL(/\/p\/demo\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "toy-s1-dpo-b0.1-seed1" })).toBeVisible();
  const panel = page.getByTestId("diagnostics-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("flag-drastic_drop")).toContainText("drop_ratio");
  await expect(page.getByTestId("run-config")).toContainText("steps");
  await expect(page.getByTestId("run-config")).toContainText("300");
  await page.screenshot({ path: `${shots}/lab-saved-run.png`, fullPage: true });
});

test("lab: a permalink restores the setup; dragging a bar makes a custom start that sums to 1; Stop keeps what was drawn", async ({ page }) => {
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

  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByTestId("lab-step")).not.toHaveText(/^step 0 /);
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.getByTestId("lab-status")).toHaveText("Stopped");
  const stoppedAt = await page.getByTestId("lab-step").innerText();
  const stoppedStep = Number(/^step (\d+) \/ 5000$/.exec(stoppedAt)![1]);
  expect(stoppedStep).toBeLessThan(5000);
  await page.waitForTimeout(300);
  await expect(page.getByTestId("lab-step")).toHaveText(stoppedAt);
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
