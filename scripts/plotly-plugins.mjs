// esbuild plugins for Plotly's bundle (scripts/build-plotly.mjs): two cuts plotly.js's own build does not make.
import { readFile } from "node:fs/promises";

// A JavaScript string literal on one line, either quote.
const STRING = String.raw`'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"`;
// `description: ['…', '…'].join(' ')` and `description: '…'` made of literals only (anything else is left alone).
const JOINED = new RegExp(String.raw`description:\s*\[\s*(?:(?:${STRING})\s*,\s*)*(?:${STRING})\s*,?\s*\]\.join\(\s*(?:${STRING})\s*\)`, "g");
const PLAIN = new RegExp(String.raw`description:\s*(?:${STRING})(?=\s*[,}])`, "g");

/**
 * Empties the `description` of every attribute: reference text for Plotly's schema (PlotSchema, its docs), which no
 * chart reads — about 110 kB of the bundle.
 */
export const stripDescriptions = {
  name: "strip-plotly-descriptions",
  setup(build) {
    build.onLoad({ filter: /plotly\.js[\\/]src[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      return { contents: source.replace(JOINED, "description: ''").replace(PLAIN, "description: ''"), loader: "js" };
    });
  },
};

/**
 * culori with only the colour spaces Plotly's colours need (CSS hex, names, rgb() and hsl(); linear RGB for its
 * contrast checks) instead of its bundled build of every space (63 kB) — plotly.js's own TODO, src/components/color.
 * A chart colour in lab(), oklch() or another CSS space would not parse (Plotly warns and draws it black).
 */
export function culoriColorsOnly(root) {
  return {
    name: "culori-colors-only",
    setup(build) {
      build.onResolve({ filter: /^culori$/ }, () => ({ path: "culori", namespace: "culori-colors-only" }));
      build.onLoad({ filter: /.*/, namespace: "culori-colors-only" }, () => ({
        contents: `import { useMode, modeRgb, modeHsl, modeLrgb } from "culori/fn";
useMode(modeRgb); useMode(modeHsl); useMode(modeLrgb);
export { converter, formatHex, formatRgb, wcagContrast, wcagLuminance } from "culori/fn";`,
        resolveDir: root,
        loader: "js",
      }));
    },
  };
}
