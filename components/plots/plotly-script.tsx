import { preinit } from "react-dom";
import { PLOTLY_SRC } from "./load-plotly";

/**
 * Put on a page that draws charts: its HTML then loads Plotly (async) beside the page's own scripts, so the first
 * chart waits for neither hydration nor a request made after it. At high priority: an async script is fetched at
 * low priority, after the page's preloaded data reads (a compare page's nine), which took the browser's six
 * connections to the server and held Plotly — and so every chart — back by seconds.
 */
export function PlotlyScript() {
  preinit(PLOTLY_SRC, { as: "script", fetchPriority: "high" });
  return null;
}
