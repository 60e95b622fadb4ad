// Builds the Next.js app when there is no build, or when a source file is newer than the last one; and Plotly's script.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "drizzle", "instrumentation.ts", "proxy.ts", "next.config.mjs", "package.json", "postcss.config.mjs"];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIfStale(root = process.cwd()) {
  // Plotly's script (public/vendor/plotly.min.js) is built beside the app, and rebuilt only when plotly.js changed.
  const plotly = spawnSync(process.execPath, [path.join(root, "scripts", "build-plotly.mjs")], { cwd: root, stdio: "inherit" });
  if (plotly.status !== 0) {
    console.error("building Plotly's script failed");
    process.exit(plotly.status ?? 1);
  }
  const marker = path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID");
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built && built >= changed) return;
  console.log(built ? "Sources changed since the last build: rebuilding…" : "Building PrefScope (the first start takes a minute or two)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("next build failed");
    process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
