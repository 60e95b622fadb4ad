import { readFileSync } from "node:fs";
import { expect, openRun, test } from "./support";

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
  await loss.scrollIntoViewIfNeeded();
  const box = (await loss.locator(".main-svg").first().boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(loss.getByTestId("point-count")).toContainText("zoomed");

  const [download] = await Promise.all([page.waitForEvent("download"), loss.getByRole("link", { name: "Download loss as CSV" }).click()]);
  const text = readFileSync((await download.path())!, "utf8").trim().split("\n");
  expect(text[0]).toBe("key,step,value,wall_time");
  expect(text).toHaveLength(1 + 501);
  await page.screenshot({ path: "tests/.artifacts/screenshots/run-charts.png", fullPage: false });
});
