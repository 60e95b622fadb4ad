import type PlotlyModule from "plotly.js";

type Plotly = typeof PlotlyModule;

declare global {
  interface Window {
    Plotly?: Plotly;
  }
}

/** PrefScope's Plotly (scripts/build-plotly.mjs): a static script, named in the HTML of pages that draw charts. */
export const PLOTLY_SRC = "/vendor/plotly.min.js";

let loading: Promise<Plotly> | undefined;

/**
 * Plotly, once per page: the script the page's HTML started (<PlotlyScript />), or one added now for a page that
 * did not ask for it. A failed load is tried again by the next chart that needs it.
 */
export function loadPlotly(): Promise<Plotly> {
  loading ??= new Promise<Plotly>((resolve, reject) => {
    if (window.Plotly) return resolve(window.Plotly);
    let script = document.querySelector<HTMLScriptElement>(`script[src="${PLOTLY_SRC}"]`);
    if (!script) {
      script = document.createElement("script");
      script.src = PLOTLY_SRC;
      script.async = true;
      document.head.append(script);
    }
    script.addEventListener("load", () => {
      if (!window.Plotly) return reject(new Error("Plotly's script ran without defining Plotly"));
      warmUp(window.Plotly);
      resolve(window.Plotly);
    });
    script.addEventListener("error", () => {
      script.remove();
      loading = undefined;
      reject(new Error(`Could not load ${PLOTLY_SRC}`));
    });
  });
  return loading;
}

let drawn = false;
let warmed = false;

/**
 * A page's first Plotly chart costs 3–5 times the next (measured: 166–326 ms against 41–120 ms on a busy machine):
 * the browser compiles Plotly's code as it first runs. Drawing a small hidden chart while the page is idle (Plotly
 * usually arrives before the page has hydrated and its points are in) pays that early; after it the first real
 * chart took 57–168 ms. Skipped once a real chart has drawn.
 */
function warmUp(Plotly: Plotly): void {
  if (warmed) return;
  warmed = true;
  const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 50));
  idle(() => {
    if (drawn) return;
    const node = document.createElement("div");
    node.setAttribute("aria-hidden", "true");
    node.style.cssText = "position:fixed;left:-10000px;top:0;width:300px;visibility:hidden";
    document.body.append(node);
    const done = () => {
      Plotly.purge(node);
      node.remove();
    };
    Plotly.react(node, [{ x: [0, 1], y: [0, 1], type: "scatter", mode: "lines" }], { height: 100, hovermode: "x unified" }, { displaylogo: false }).then(done, done);
  });
}

/** Charts waiting for their turn to draw. Each entry draws its chart and says whether it did (false: cancelled). */
const turns: (() => boolean)[] = [];
let turning = false;

function takeTurns(): void {
  let drew = false;
  while (!drew && turns.length > 0) drew = turns.shift()!();
  // The turn ends when nothing was left to draw, not when the queue is empty: charts of one render join it one
  // promise callback apart, and a chart that found it empty just after another drew was drawn in the same task
  // (a screen of 4 compare charts appeared at once, 0.5–0.9 s after the page hydrated).
  if (!drew) {
    turning = false;
    return;
  }
  // The browser paints the chart just drawn before the next one is (a hidden tab paints no frames to wait for).
  if (document.hidden) setTimeout(takeTurns, 0);
  else requestAnimationFrame(() => setTimeout(takeTurns, 0));
}

/**
 * Draws a chart into `node` once Plotly is there. A first draw waits its turn with the page's other charts: one per
 * frame, so the first chart on screen shows as soon as it is drawn (drawn in one go, a screen of charts appeared at
 * once, after the last). A chart already drawn is redrawn at once, in the task that asked: its effect's cleanup has
 * just purged it, and waiting a frame would show it blank between two updates (a live chart, blank half the time).
 * Returns the cancel for an effect's cleanup.
 */
export function drawInTurn(node: HTMLElement, draw: (plotly: Plotly) => void): () => void {
  let cancelled = false;
  const redraw = node.querySelector(".main-svg") !== null;
  const turn = (Plotly: Plotly) => {
    if (cancelled) return false;
    drawn = true;
    try {
      draw(Plotly);
    } catch (error) {
      reportError(error); // the other charts still draw
    }
    return true;
  };
  void loadPlotly().then((Plotly) => {
    if (redraw) return void turn(Plotly);
    turns.push(() => turn(Plotly));
    if (!turning) {
      turning = true;
      takeTurns();
    }
  });
  return () => {
    cancelled = true;
  };
}

/** Frees a chart's Plotly state and listeners (an effect's cleanup, after its drawInTurn is cancelled). */
export function purgeChart(node: HTMLElement | null): void {
  if (node) void loadPlotly().then((Plotly) => Plotly.purge(node));
}

// From the moment this module runs in the browser (its chunk, before hydration), not from the first chart's
// loadPlotly: by then the page's <PlotlyScript /> has usually loaded.
if (typeof document !== "undefined") {
  if (window.Plotly) warmUp(window.Plotly);
  else document.querySelector(`script[src="${PLOTLY_SRC}"]`)?.addEventListener("load", () => window.Plotly && warmUp(window.Plotly));
}
