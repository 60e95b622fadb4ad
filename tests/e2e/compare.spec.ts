import type { APIRequestContext, Locator } from "@playwright/test";
import { expect, test } from "./support";

const shots = "tests/.artifacts/screenshots";
const BL01 = "toy-s1-flex_dpo-bw0.1-bl0.1-seed1";
const BL001 = "toy-s1-flex_dpo-bw0.1-bl0.01-seed1";
const DPO = "toy-s1-dpo-b0.1-seed1";

async function runIds(request: APIRequestContext): Promise<Record<string, string>> {
  const body = await (await request.get(`/api/v1/runs?project=demo&limit=1000`)).json();
  return Object.fromEntries(body.runs.map((r: any) => [r.name, r.id]));
}

/** The stroke colour of each line Plotly drew in a chart, in trace order. */
const strokes = (chart: Locator) => chart.locator(".scatterlayer .js-line").evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).style.stroke));

test("compares two runs named in the URL: overlaid curves in one colour per run, 3D panel and the config diff", async ({ page, request }) => {
  const ids = await runIds(request);
  const seriesReads: string[] = [];
  page.on("request", (r) => void (/\/api\/v1\/runs\/[^?]+\/metrics\?|\/api\/v1\/runs\/series\?/.test(r.url()) && seriesReads.push(new URL(r.url()).pathname)));
  await page.goto(`/p/demo/compare?runs=${ids[BL01]},${ids[BL001]}`);
  await expect(page.getByRole("list", { name: "Compared runs" }).getByRole("listitem")).toHaveCount(2);

  // The default metrics, each with one line per run, labelled by what tells the runs apart.
  for (const metric of ["logps/chosen", "logps/rejected", "rewards/margins", "eval/pref_accuracy", "toy/unseen_mass"]) {
    await expect(page.locator(`figure[data-metric="${metric}"] .scatterlayer .js-line`)).toHaveCount(2);
  }
  const chosen = page.locator('figure[data-metric="logps/chosen"]');
  await expect(chosen.locator(".legend")).toContainText("bl0.1");
  await expect(chosen.locator(".legend")).toContainText("bl0.01");
  const colors = await strokes(chosen);
  expect(new Set(colors).size).toBe(2);
  expect(await strokes(page.locator('figure[data-metric="toy/unseen_mass"]'))).toEqual(colors);
  // Every overlay's series of both runs came from GET /runs/series (the HTML's preload, taken by the overlays' own
  // read of the same URL), none from a run's own series endpoint.
  expect(new Set(seriesReads)).toEqual(new Set(["/api/v1/runs/series"]));

  // The 3D panel overlaid: chosen and rejected change per run, same colours as above.
  const panel = page.getByTestId("diagnostics-overlay");
  await expect(panel.locator('figure[data-chart="logp-change"] .scatterlayer .js-line')).toHaveCount(4);
  expect(new Set(await strokes(panel.locator('figure[data-chart="logp-change"]')))).toEqual(new Set(colors));
  // The demo runs are the seeded toy model (seed 1), so their flags are fixed: β_l = 0.1 raises all three
  // properties, β_l = 0.01 only the drastic drop.
  const bl01Flags = panel.locator(`tr[data-run-flags="${ids[BL01]}"]`);
  for (const flag of ["Drastic drop", "Degradation into unlearning", "Dispersion"]) await expect(bl01Flags).toContainText(flag);
  const bl001Flags = panel.locator(`tr[data-run-flags="${ids[BL001]}"]`);
  await expect(bl001Flags).toContainText("Drastic drop");
  await expect(bl001Flags).not.toContainText(/Degradation|Dispersion|no flags/);
  await expect(bl01Flags).not.toContainText("no flags");

  // Only differing keys by default, highlighted; every key on request, kept in the URL.
  const diff = page.getByTestId("config-diff");
  const betaL = diff.locator('tr[data-key="beta_l"]');
  await expect(betaL).toHaveAttribute("data-differs", "true");
  await expect(betaL.locator("td")).toHaveText(["beta_l", "0.1", "0.01"]);
  await expect(betaL.locator("td").nth(1)).toHaveClass(/bg-amber/);
  await expect(diff.locator('tr[data-key="beta_w"]')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/compare.png`, fullPage: true });

  // A click before React hydrates is lost; retry until the URL takes it.
  await expect(async () => {
    await page.getByLabel("show all keys").click();
    await expect(page).toHaveURL(/config=all/, { timeout: 1000 });
  }).toPass();
  await expect(diff.locator('tr[data-key="beta_w"]')).toHaveAttribute("data-differs", "false");
  await expect(diff.locator('tr[data-key="beta_w"] td').nth(1)).not.toHaveClass(/bg-amber/);
  await page.reload();
  await expect(diff.locator('tr[data-key="beta_w"]')).toHaveCount(1);
});

test("adds runs with the picker, removes one, and picks metrics; all of it in the URL", async ({ page, request }) => {
  const ids = await runIds(request);
  await page.goto("/p/demo/compare");
  await expect(page.getByText("No runs yet")).toBeVisible();

  const search = page.getByLabel("Search runs");
  await search.fill("bl0.01");
  await page.getByRole("button", { name: `Add ${BL001}` }).click();
  await expect(page).toHaveURL(new RegExp(`runs=${ids[BL001]}$`));
  await search.fill("s1-dpo-b0.1-seed1");
  const matches = page.getByRole("list", { name: "Matching runs" }).getByRole("listitem");
  await expect(matches).toHaveCount(1);
  await page.getByRole("button", { name: `Add ${DPO}` }).click();
  await expect(page).toHaveURL(new RegExp(`runs=${ids[BL001]},${ids[DPO]}$`));

  await expect(page.locator('figure[data-metric="logps/chosen"] .scatterlayer .js-line')).toHaveCount(2);
  const diff = page.getByTestId("config-diff");
  // DPO has β, flex-DPO has β_w and β_l: each key is missing on one side, so each differs.
  await expect(diff.locator('tr[data-key="beta_l"] td')).toHaveText(["beta_l", "0.01", "not set"]);
  await expect(diff.locator('tr[data-key="beta"]')).toHaveAttribute("data-differs", "true");

  await page.getByRole("button", { name: "Remove metric toy/unseen_mass" }).click();
  await expect(page.locator('figure[data-metric="toy/unseen_mass"]')).toHaveCount(0);
  await page.getByLabel("Add a metric").selectOption("loss");
  await expect(page).toHaveURL(/metrics=logps\/chosen,logps\/rejected,rewards\/margins,eval\/pref_accuracy,loss/);
  await expect(page.locator('figure[data-metric="loss"] .scatterlayer .js-line')).toHaveCount(2);
  await page.screenshot({ path: `${shots}/compare-picker.png`, fullPage: true });

  await page.getByRole("button", { name: `Remove ${DPO}` }).click();
  await expect(page).toHaveURL(new RegExp(`runs=${ids[BL001]}&|runs=${ids[BL001]}$`));
  await expect(page.getByRole("list", { name: "Compared runs" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.locator('figure[data-metric="loss"] .scatterlayer .js-line')).toHaveCount(1);
});

test("says which runs of the URL are not in the project", async ({ page, request }) => {
  const ids = await runIds(request);
  await page.goto(`/p/demo/compare?runs=${ids[DPO]},00000000-0000-4000-8000-000000000000,${BL01}`);
  await expect(page.getByRole("status")).toContainText("00000000-0000-4000-8000-000000000000");
  // A name works in a hand-written URL.
  await expect(page.getByRole("list", { name: "Compared runs" }).getByRole("listitem")).toHaveCount(2);
});
