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

type BarState = { label: string | null; now: number; max: number; text: string };

test("a large upload shows its progress bar (sent, then stored, with rows) and then the result", async ({ page }) => {
  const steps = 40_000;
  const buffer = Buffer.from(`${Array.from({ length: steps }, (_, step) => JSON.stringify({ step, loss: 1 / (step + 1), "rewards/margins": step / 1000 })).join("\n")}\n`);
  await page.goto("/p/demo");
  // Every state the bar is drawn in, recorded as the page draws it: fast or slow, none is missed.
  await page.evaluate(() => {
    const seen: BarState[] = [];
    (window as unknown as { barStates: BarState[] }).barStates = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (!bar) return;
      const text = bar.parentElement?.textContent ?? "";
      seen.push({ label: bar.getAttribute("aria-label"), now: Number(bar.getAttribute("aria-valuenow")), max: Number(bar.getAttribute("aria-valuemax")), text });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-valuenow", "aria-label"] });
  });
  // The upload is throttled (Chromium's network emulation) so that it is on its way long enough to be drawn: on
  // loopback it would be sent before the page draws once.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });
  await page.getByLabel("Files to import").setInputFiles({ name: "large-upload.jsonl", mimeType: "application/x-ndjson", buffer });
  await expect(page.getByTestId("import-results")).toContainText(`jsonl, ${steps.toLocaleString("en-US")} steps`);
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  const states = await page.evaluate(() => (window as unknown as { barStates: BarState[] }).barStates);
  const stored = states.filter((s) => s.label === "Storing files");
  expect(stored.length).toBeGreaterThan(0);
  for (const state of stored) {
    expect(state.max).toBe(buffer.length);
    expect(state.text).toMatch(/^Storing: .* of .* \(\d+%\) · [\d,]+ rows?/);
  }
  for (let i = 1; i < stored.length; i++) expect(stored[i]!.now).toBeGreaterThanOrEqual(stored[i - 1]!.now);
  const sent = states.filter((s) => s.label === "Uploading files");
  expect(sent.length).toBeGreaterThan(0);
  for (const state of sent) {
    expect(state.max).toBeGreaterThanOrEqual(buffer.length); // the multipart body: the file and the form around it
    expect(state.text).toMatch(/^Uploading: .* of .* \(\d+%\)/);
  }
  for (let i = 1; i < sent.length; i++) expect(sent[i]!.now).toBeGreaterThanOrEqual(sent[i - 1]!.now);
});
