import { preinit } from "react-dom";
import { PLOTLY_SRC } from "./load-plotly";

/**
 * Put on a page that draws charts: its HTML then loads Plotly (async) beside the page's own scripts, so the first
 * chart waits for neither hydration nor a request made after it.
 */
export function PlotlyScript() {
  preinit(PLOTLY_SRC, { as: "script" });
  return null;
}
