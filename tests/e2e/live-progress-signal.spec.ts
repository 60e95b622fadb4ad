import { expect, test } from "./support";

// The run page's progress signal (lib/live/hooks.ts): after a live `metrics` event is in the charts' data, a
// `prefscope:live` event on window names the run and the highest step it brought. The bench times ingest → page by it.
test("a run page announces each live batch of points it applied, with the run and its highest step", async ({ page, request }) => {
  const headers = { authorization: `Bearer ${process.env.PREFSCOPE_E2E_KEY!}` };
  const run = await (await request.post("/api/v1/runs", { headers, data: { project: "demo", name: "e2e-live-signal" } })).json();
  const post = async (rows: { step: number; values: Record<string, number> }[]) =>
    expect((await request.post(`/api/v1/runs/${run.id}/metrics`, { headers, data: { rows } })).status()).toBe(200);
  await post([{ step: 0, values: { "live/signal": 0 } }]);
  await page.goto(`/p/demo/runs/${run.id}`);
  await page.evaluate(() => {
    const seen: { run: string; step: number }[] = [];
    (window as unknown as { __signals: typeof seen }).__signals = seen;
    window.addEventListener("prefscope:live", (e) => seen.push((e as CustomEvent<{ run: string; step: number }>).detail));
  });
  await expect(page.getByTestId("live-state")).toHaveAttribute("data-state", "live");
  await post([
    { step: 1, values: { "live/signal": 1 } },
    { step: 7, values: { "live/signal": 7 } },
  ]);
  await page.waitForFunction((id) => (window as unknown as { __signals: { run: string; step: number }[] }).__signals.some((s) => s.run === id && s.step === 7), run.id);
  await expect(page.locator('figure[data-metric="live/signal"]')).toContainText("3 points");
});
