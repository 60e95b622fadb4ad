// Ingest → point visible: a run page open in Chromium while single-step batches are posted to its run, one at a
// time. Times are epoch milliseconds on both sides (performance.timeOrigin + performance.now()): one machine, one clock.
import type { AppServer } from "../tests/support/app-server";
import { launchChromium } from "./browser";
import { createBenchRun, percentile, sleep } from "./live-support";

const KEY = "live/probe";

export interface LatencyFigures {
  samples: number;
  /** Before the POST → its answer (the batch committed). */
  commit: { p50: number; p95: number };
  /** Before the POST → the page applied the event to its charts' data (its `prefscope:live` signal). */
  applied: { p50: number; p95: number };
  /** Before the POST → the chart holds the point (Plotly's trace data, checked every frame). */
  drawn: { p50: number; p95: number };
}

const now = () => performance.timeOrigin + performance.now();
const summary = (xs: number[]) => ({ p50: percentile(xs, 0.5), p95: percentile(xs, 0.95) });

export async function benchLiveLatency(app: AppServer, samples: number): Promise<LatencyFigures> {
  const target = await createBenchRun(app.url, "bench-live-latency");
  await target.post(Array.from({ length: 10 }, (_, step) => ({ step, values: { [KEY]: step } })));
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // Installed before the page's scripts run: when each step's event was applied, by the page's own signal.
    await page.addInitScript(() => {
      const applied: Record<number, number> = {};
      (window as unknown as { __applied: typeof applied }).__applied = applied;
      window.addEventListener("prefscope:live", (e) => {
        const { step } = (e as CustomEvent<{ step: number }>).detail;
        applied[step] ??= performance.timeOrigin + performance.now();
      });
    });
    await page.goto(`${app.url}/p/${target.project}/runs/${target.run}`);
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor({ timeout: 60_000 });
    const chart = `figure[data-metric="${KEY}"] .js-plotly-plot`;
    await page.locator(`${chart} .main-svg`).first().waitFor({ timeout: 60_000 });
    const commit: number[] = [];
    const applied: number[] = [];
    const drawn: number[] = [];
    for (let i = 0; i < samples; i++) {
      const step = 10 + i;
      const value = 1000 + i + Math.random() / 2;
      const started = now();
      await target.post([{ step, values: { [KEY]: value } }]);
      commit.push(now() - started);
      const holds = ({ selector, value }: { selector: string; value: number }) => {
        const plot = document.querySelector(selector) as (Element & { data?: { y?: ArrayLike<number> }[] }) | null;
        const found = plot?.data?.some((trace) => Array.from(trace.y ?? []).includes(value));
        return found ? performance.timeOrigin + performance.now() : false;
      };
      const seenAt = (await (await page.waitForFunction(holds, { selector: chart, value }, { polling: "raf", timeout: 30_000 })).jsonValue()) as number;
      drawn.push(seenAt - started);
      const appliedAt = await page.evaluate((s) => (window as unknown as { __applied: Record<number, number> }).__applied[s], step);
      if (appliedAt !== undefined) applied.push(appliedAt - started);
      await sleep(100 + Math.random() * 200); // apart, so each batch is its own change and not coalesced with the last
    }
    return { samples, commit: summary(commit), applied: summary(applied), drawn: summary(drawn) };
  } finally {
    await browser.close();
  }
}
