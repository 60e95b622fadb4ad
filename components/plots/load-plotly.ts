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
