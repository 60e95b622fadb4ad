// Builds the Plotly that chart pages load: plotly.js's core (cartesian axes, the scatter trace, hover, legends,
// shapes, annotations) and the heatmap, the only other trace a page draws — 1.1 MB, where the full bundle is 4.6 MB
// of 3D, map and WebGL traces no page uses. A plain script under public/, so a page's HTML names it and the browser
// fetches it beside the page's own scripts (a bundled dynamic import could only start after hydration).
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export const PLOTLY_OUTPUT = path.join("public", "vendor", "plotly.min.js");

const ENTRY = `
var Plotly = require("plotly.js/lib/core");
Plotly.register([require("plotly.js/lib/heatmap")]);
window.Plotly = Plotly;
`;

/** Whether the bundle is missing or older than the plotly.js it came from (or this script). */
function stale(root) {
  const output = path.join(root, PLOTLY_OUTPUT);
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return [path.join(root, "node_modules", "plotly.js", "package.json"), import.meta.filename].some((f) => statSync(f).mtimeMs > built);
}

export async function buildPlotly(root = process.cwd(), { force = false } = {}) {
  if (!force && !stale(root)) return;
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2018",
    outfile: path.join(root, PLOTLY_OUTPUT),
    // What plotly.js's own build sets: its sources test `global` and an AMD `define`.
    define: { global: "window", "define.amd": "false" },
    // The registry requires maplibre-gl's stylesheet for map traces, which this bundle leaves out.
    loader: { ".css": "empty" },
    legalComments: "eof",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPlotly(process.cwd(), { force: process.argv.includes("--force") });
