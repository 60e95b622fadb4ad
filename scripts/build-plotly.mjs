// Builds the Plotly that chart pages load: plotly.js's plot API and cartesian axes with only what the app's charts
// use — the scatter and heatmap traces; shapes and annotations (onset markers), error bars (sweeps), colour scales
// and bars (heatmaps), legends, hover and the modebar. plotly.js's own core (lib/core) also registers 3D
// annotations, images, update menus, sliders, range sliders and selectors and layout grids, which no chart sets;
// and the plugins (plotly-plugins.mjs) drop the attributes' reference text and the colour spaces no chart uses.
// 0.91 MB, where lib/core + heatmap was 1.14 MB and the full bundle is 4.6 MB. A plain script under public/, so a
// page's HTML names it and the browser fetches it beside the page's own scripts (a bundled dynamic import could
// only start after hydration). A chart that sets a left-out attribute draws without it (Plotly drops attributes of
// unregistered components), so a new kind of chart adds its component here.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { culoriColorsOnly, stripDescriptions } from "./plotly-plugins.mjs";

export const PLOTLY_OUTPUT = path.join("public", "vendor", "plotly.min.js");

const SRC = "plotly.js/src";
const COMPONENTS = ["annotations", "shapes", "errorbars", "colorscale", "colorbar", "legend", "fx", "modebar"]; // legend after shapes, fx after legend: as src/core.js orders them

// src/core.js, less the components no chart uses (and the Icons, Snapshot and PlotSchema exports no page calls).
const ENTRY = `
require("${SRC}/../build/plotcss");
var Registry = require("${SRC}/registry");
var plotApi = require("${SRC}/plot_api");
var Plotly = { version: require("${SRC}/version").version, register: Registry.register };
Object.keys(plotApi).forEach(function (name) {
  if (name.charAt(0) !== "_") Plotly[name] = plotApi[name];
  Registry.register({ moduleType: "apiMethod", name: name, fn: plotApi[name] });
});
Registry.register(require("${SRC}/traces/scatter"));
Registry.register([${COMPONENTS.map((c) => `require("${SRC}/components/${c}")`).join(", ")}]);
Registry.register(require("${SRC}/traces/heatmap"));
Registry.register([require("${SRC}/locale-en"), require("${SRC}/locale-en-us")]);
window.Plotly = Plotly;
`;

/** Whether the bundle is missing or older than the plotly.js it came from (or this script). */
function stale(root) {
  const output = path.join(root, PLOTLY_OUTPUT);
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  const inputs = [path.join(root, "node_modules", "plotly.js", "package.json"), import.meta.filename, path.join(import.meta.dirname, "plotly-plugins.mjs")];
  return inputs.some((f) => statSync(f).mtimeMs > built);
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
    plugins: [stripDescriptions, culoriColorsOnly(root)],
    legalComments: "eof",
    logLevel: "warning",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPlotly(process.cwd(), { force: process.argv.includes("--force") });
