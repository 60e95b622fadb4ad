import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";

test("DPO vs reward model: held-out accuracy of both methods, mean line and band over seeds", async ({ page, request }) => {
  // The final accuracy each method should report, averaged here from the runs API.
  const query = new URLSearchParams({ project: "demo", q: "config.scenario = 1 AND algorithm IN (dpo, reward_model)", limit: "1000", summary_keys: "eval/pref_accuracy" });
  const { runs } = await (await request.get(`/api/v1/runs?${query}`)).json();
  const finals = new Map<string, number[]>();
  for (const run of runs) finals.set(run.algorithm, [...(finals.get(run.algorithm) ?? []), run.metrics["eval/pref_accuracy"].last]);
  expect(finals.get("dpo")).toHaveLength(3);
  expect(finals.get("reward_model")).toHaveLength(3);

  await page.goto("/p/demo");
  await page.getByRole("link", { name: "DPO vs RM" }).click();
  await expect(page).toHaveURL(/\/p\/demo\/dpo-vs-rm/);
  const figure = page.locator('figure[data-chart="dpo-vs-rm"]');
  await expect(figure).toHaveAttribute("data-methods", "dpo,reward_model");
  await expect(figure).toContainText("scenario 1");
  const legend = figure.locator(".legend");
  await expect(legend).toContainText("dpo (3 runs)");
  await expect(legend).toContainText("reward_model (3 runs)");
  // Per method: two band edges and the mean line; the bands are filled areas.
  await expect(figure.locator(".scatterlayer .trace")).toHaveCount(6);
  expect(await figure.locator(".scatterlayer .js-fill").count()).toBeGreaterThanOrEqual(2);

  const summary = page.getByTestId("method-summary");
  for (const method of ["dpo", "reward_model"]) {
    const row = summary.locator(`tr[data-method="${method}"]`);
    await expect(row.locator("td").first()).toHaveText("3");
    const values = finals.get(method)!;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const shown = Number(/^-?[\d.]+/.exec(await row.locator("td").nth(1).innerText())![0]);
    expect(Math.abs(shown - mean)).toBeLessThan(0.01);
  }
  await page.screenshot({ path: `${shots}/dpo-vs-rm.png`, fullPage: true });

  await page.getByLabel("Band").selectOption("std");
  await expect(page).toHaveURL(/band=std/);
  await expect(figure).toContainText("±1 std");
  await page.getByRole("checkbox", { name: /reward_model/ }).uncheck();
  await expect(figure).toHaveAttribute("data-methods", "dpo");
  await expect(figure.locator(".scatterlayer .trace")).toHaveCount(3);
});
