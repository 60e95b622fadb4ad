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
    script.addEventListener("load", () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("Plotly's script ran without defining Plotly"))));
    script.addEventListener("error", () => {
      script.remove();
      loading = undefined;
      reject(new Error(`Could not load ${PLOTLY_SRC}`));
    });
  });
  return loading;
}

/** Charts waiting for their turn to draw. Each entry draws its chart and says whether it did (false: cancelled). */
const turns: (() => boolean)[] = [];
let turning = false;

function takeTurns(): void {
  let drew = false;
  while (!drew && turns.length > 0) drew = turns.shift()!();
  if (turns.length === 0) {
    turning = false;
    return;
  }
  // The browser paints the chart just drawn before the next one is (a hidden tab paints no frames to wait for).
  if (document.hidden) setTimeout(takeTurns, 0);
  else requestAnimationFrame(() => setTimeout(takeTurns, 0));
}

/**
 * Draws a chart once Plotly is there, in turn with the page's other charts: one per frame, so the first chart on
 * screen shows as soon as it is drawn (drawn in one go, a screen of charts appeared at once, after the last).
 * Returns the cancel for an effect's cleanup.
 */
export function drawInTurn(draw: (plotly: Plotly) => void): () => void {
  let cancelled = false;
  void loadPlotly().then((Plotly) => {
    turns.push(() => {
      if (cancelled) return false;
      try {
        draw(Plotly);
      } catch (error) {
        reportError(error); // the other charts still draw
      }
      return true;
    });
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
