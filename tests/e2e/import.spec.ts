import path from "node:path";
import { expect, test } from "./support";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/tensorboard");

test("uploading the TensorBoard fixture in the UI gives a run with its charts", async ({ page }) => {
  await page.goto("/p/demo");
  const file = path.join(FIXTURE, "events.out.tfevents.1795720549.vm.416.13");
  await page.getByLabel("Files to import").setInputFiles(file);
  const result = page.getByTestId("import-results");
  await expect(result).toContainText("tensorboard, 401 steps");
  await result.getByRole("link").first().click();
  await expect(page.locator('figure[data-metric="grad/log_abs_dL_dpi_l"] .main-svg').first()).toBeVisible();
  await expect(page.locator('figure[data-metric="eval/score5"]')).toContainText("5 points");
  await page.screenshot({ path: "tests/.artifacts/screenshots/imported-tensorboard.png", fullPage: true });
});
