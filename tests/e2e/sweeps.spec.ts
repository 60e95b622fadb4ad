import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";
const BETA_L = [0.005, 0.01, 0.02, 0.05, 0.1];

test("β sweep: final value against β_l on a log axis, and one curve per β_l (Figure 9)", async ({ page }) => {
  await page.goto("/p/demo/sweeps");
  // Only the β_l sweep varies a β; the scenario and method groups hold β = 0.1.
  const sweeps = page.getByRole("navigation", { name: "Sweeps" }).getByRole("link");
  await expect(sweeps).toHaveCount(1);
  await expect(sweeps.first()).toHaveAttribute("aria-current", "page");
  await expect(sweeps.first()).toContainText("beta_l-sweep");
  await expect(sweeps.first()).toContainText("β_l × 5 at β_w = 0.1");
  await expect(page.getByLabel("Metric")).toHaveValue("logps/chosen");

  const chart = page.getByTestId("sweep-final-chart");
  await expect(chart.locator(".scatterlayer .trace .points path")).toHaveCount(5);
  const drawn = await chart.evaluate((el: any) => ({ type: el._fullLayout.xaxis.type, x: el.data.at(-1).x, y: el.data.at(-1).y }));
  expect(drawn.type).toBe("log");
  expect(drawn.x).toEqual(BETA_L);
  expect(new Set(drawn.y).size).toBe(5);
  await expect(chart.locator(".xtick text")).toHaveText(BETA_L.map(String));
  await expect(page.getByTestId("sweep-final-table").locator("tbody tr")).toHaveCount(5);

  const curves = page.getByTestId("sweep-curves");
  await expect(curves.locator(".scatterlayer .js-line")).toHaveCount(5);
  for (const b of BETA_L) await expect(curves.locator(".legend")).toContainText(`β_l = ${b}`);
  const colors = await curves.locator(".scatterlayer .js-line").evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).style.stroke));
  expect(new Set(colors).size).toBe(5);
  await page.screenshot({ path: `${shots}/sweeps.png`, fullPage: true });

  await page.getByLabel("Metric").selectOption("toy/unseen_mass");
  await expect(page).toHaveURL(/metric=toy%2Funseen_mass|metric=toy\/unseen_mass/);
  await expect(page.getByText("Final toy/unseen_mass against β_l")).toBeVisible();
  await expect(chart.locator(".scatterlayer .trace .points path")).toHaveCount(5);
  await expect.poll(() => chart.evaluate((el: any) => el.data.at(-1).y as number[])).not.toEqual(drawn.y);
  await expect(curves.locator(".scatterlayer .js-line")).toHaveCount(5);
  // The unseen mass falls by orders of magnitude: both charts switch to a log y axis.
  await expect.poll(() => chart.evaluate((el: any) => el._fullLayout.yaxis.type)).toBe("log");
  await page.reload();
  await expect(page.getByLabel("Metric")).toHaveValue("toy/unseen_mass");
  await expect(curves.locator(".scatterlayer .js-line")).toHaveCount(5);
  await expect.poll(() => curves.locator(".js-plotly-plot").evaluate((el: any) => el._fullLayout.yaxis.type)).toBe("log");
  await page.screenshot({ path: `${shots}/sweeps-unseen-mass.png`, fullPage: true });
});

test("an unknown sweep or metric in the URL falls back to the defaults", async ({ page }) => {
  await page.goto("/p/demo/sweeps?sweep=nope&metric=nope");
  await expect(page.getByRole("navigation", { name: "Sweeps" }).getByRole("link", { name: /beta_l-sweep/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Metric")).toHaveValue("logps/chosen");
});

test("runs named by β with no group still make a sweep: found by config, and the page says which runs and why", async ({ page, request }) => {
  const project = `bycfg-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  for (const beta of [0.05, 0.1, 0.2]) {
    const config = { beta, learning_rate: 5e-7, seed: 1, output_dir: `/out/dpo-b${beta}` };
    const run = (await (await request.post("/api/v1/runs", { headers: auth, data: { project, name: `dpo-b${beta}`, algorithm: "dpo", config } })).json()) as { id: string };
    const rows = [0, 1, 2].map((step) => ({ step, values: { "logps/rejected": -10 - step * beta * 10 } }));
    expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers: auth, data: { batch_id: "b-1", rows } })).ok()).toBe(true);
  }
  await page.goto(`/p/${project}/sweeps`);
  const sweeps = page.getByRole("navigation", { name: "Sweeps" }).getByRole("link");
  await expect(sweeps).toHaveCount(1);
  await expect(sweeps.first()).toContainText("dpo runs alike but for β");
  await expect(sweeps.first()).toContainText("β × 3");
  await expect(page.getByTestId("sweep-reason")).toContainText("Found by config: runs that share their algorithm and every config value except β");
  await expect(page.getByTestId("sweep-final-table").locator("tbody tr")).toHaveCount(3);
});

test("a user-defined sweep: pick a config key, and the page finds the runs alike but for it, kept in the URL", async ({ page, request }) => {
  const project = `bykey-${Date.now()}`;
  const key = (await (await request.post(`/api/v1/projects/${project}/keys`, { data: { name: "e2e" } })).json()).key as string;
  const auth = { authorization: `Bearer ${key}` };
  for (const lr of [1e-6, 5e-7, 2e-6]) {
    const config = { beta: 0.1, learning_rate: lr, seed: 1 };
    const run = (await (await request.post("/api/v1/runs", { headers: auth, data: { project, name: `lr-${lr}`, algorithm: "dpo", config } })).json()) as { id: string };
    const rows = [0, 1, 2].map((step) => ({ step, values: { "logps/chosen": -10 - step * lr * 1e6 } }));
    expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers: auth, data: { batch_id: "b-1", rows } })).ok()).toBe(true);
  }
  await page.goto(`/p/${project}/sweeps`);
  await expect(page.getByText(`No β sweep in ${project}`)).toBeVisible();
  await page.getByLabel("Swept key").selectOption("learning_rate");
  await expect(page).toHaveURL(/key=learning_rate/);
  const sweeps = page.getByRole("navigation", { name: "Sweeps" }).getByRole("link");
  await expect(sweeps).toHaveCount(1);
  await expect(sweeps.first()).toContainText("dpo runs alike but for learning_rate");
  await expect(sweeps.first()).toContainText("learning_rate × 3 at β = 0.1");
  await expect(page.getByTestId("sweep-final-table").locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("sweep-final-table").locator("thead")).toContainText("learning_rate");
  await page.reload();
  await expect(page.getByLabel("Swept key")).toHaveValue("learning_rate");
  await expect(page.getByTestId("sweep-curves").locator(".scatterlayer .js-line")).toHaveCount(3);
  // An unknown key falls back to the β sweeps.
  await page.goto(`/p/${project}/sweeps?key=nope`);
  await expect(page.getByLabel("Swept key")).toHaveValue("");
});
