// The chart pages' floor on this machine: a bare page with nothing but PrefScope's Plotly script and one chart
// shaped like a compare overlay (8 runs' lines of 501 points, legend, unified hover), opened cold in the same browser
// as the pages. No page of the app can draw its first chart sooner than this page does; what a page takes beyond
// it is the app's own share (its HTML, scripts, hydration and data).
import type { Browser } from "@playwright/test";
import { PLOTLY_SRC } from "../components/plots/load-plotly";
import { medianVisit, pageTime, withColdPage } from "./browser";

export interface PlotlyAlone {
  /** Navigation start → Plotly's script received. */
  scriptMs: number;
  /** → the chart drawn (its SVG in the page), as the pages' first chart is timed. */
  firstMs: number;
  /** How long Plotly took to draw it: a page's first chart costs several times the next (the browser compiles Plotly's code as it first runs). */
  drawMs: number;
}

const LINES = 8;
const POINTS = 501;

// LineChart's layout for a compare overlay (components/plots/line-chart.tsx).
const PAGE = `<!doctype html><html><body style="margin:0"><div id="chart" style="width:680px"></div>
<script src="${PLOTLY_SRC}"></script>
<script>
  const lines = Array.from({ length: ${LINES} }, (_, k) => ({
    x: Array.from({ length: ${POINTS} }, (_, i) => i),
    y: Array.from({ length: ${POINTS} }, (_, i) => Math.sin(i / 40 + k) - i / 500),
    type: "scatter", mode: "lines", name: "run " + k, line: { width: 1.5 },
  }));
  const layout = { height: 280, margin: { l: 55, r: 10, t: 10, b: 35 }, showlegend: true, legend: { orientation: "h", y: 1.15 },
    xaxis: { title: { text: "step" } }, yaxis: { title: { text: "" } }, hovermode: "x unified" };
  const start = performance.now();
  Plotly.react(document.getElementById("chart"), lines, layout, { displaylogo: false, responsive: true });
  window.benchDrawMs = performance.now() - start;
</script></body></html>`;

/** The bare page, served at a path of the app's own origin (so Plotly's script comes from the app, as on its pages). */
async function visit(browser: Browser, base: string): Promise<PlotlyAlone> {
  return withColdPage(browser, async (page) => {
    const url = `${base}/__bench/plotly-alone`;
    await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
    await page.goto(url, { waitUntil: "commit" });
    const firstMs = await pageTime(page, () => document.querySelector("#chart .main-svg") !== null && performance.now(), undefined);
    const { scriptMs, drawMs } = await page.evaluate((src) => {
      const script = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((r) => new URL(r.name).pathname === src);
      return { scriptMs: script?.responseEnd ?? NaN, drawMs: (window as unknown as { benchDrawMs: number }).benchDrawMs };
    }, PLOTLY_SRC);
    return { scriptMs, firstMs, drawMs };
  });
}

/** Median of 3 cold visits after a first one. */
export async function benchPlotlyAlone(browser: Browser, base: string): Promise<PlotlyAlone> {
  return (await medianVisit(() => visit(browser, base))).median;
}
