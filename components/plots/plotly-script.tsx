import { preinit } from "react-dom";
import { PLOTLY_SRC } from "./load-plotly";

/**
 * Put on a page that draws charts: its HTML then loads Plotly (async) beside the page's own scripts, so the first
 * chart waits for neither hydration nor a request made after it.
 */
export function PlotlyScript() {
  // High priority: an async script is fetched last by default, behind the page's data preloads (on compare, eight
  // runs' series held it back until 2 s), and no chart draws before it runs.
  preinit(PLOTLY_SRC, { as: "script", fetchPriority: "high" });
  return null;
}
