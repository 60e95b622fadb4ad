#!/usr/bin/env node
// Ruff over the Python client and the examples, through Astral's official WebAssembly build (the npm registry
// carries it; PyPI is not reachable from every machine that runs CI). Settings: clients/python/pyproject.toml's
// [tool.ruff]. `node scripts/ruff.mjs` checks (format + lint) and exits 1 on any finding; `--write` formats and
// applies lint fixes in place.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PositionEncoding, Workspace } from "@astral-sh/ruff-wasm-nodejs";
import { parse } from "smol-toml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOTS = ["clients/python", "examples"];
const write = process.argv.includes("--write");

const pyproject = parse(readFileSync(path.join(root, "clients/python/pyproject.toml"), "utf8"));
const settings = pyproject.tool?.ruff ?? {};
const workspace = new Workspace(settings, PositionEncoding.Utf16);

function pythonFiles(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && e.name !== "__pycache__")
    .flatMap((e) => (e.isDirectory() ? pythonFiles(path.join(dir, e.name)) : e.name.endsWith(".py") ? [path.join(dir, e.name)] : []))
    .sort();
}

// Rows and columns are 1-based; columns count UTF-16 units, as JavaScript strings do.
function offsetOf(lineStarts, { row, column }) {
  return lineStarts[row - 1] + column - 1;
}

function applyFixes(source, diagnostics) {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  lineStarts.push(source.length + 1);
  const edits = diagnostics
    .flatMap((d) => d.fix?.edits ?? [])
    .map((e) => ({ start: offsetOf(lineStarts, e.location), end: offsetOf(lineStarts, e.end_location), content: e.content ?? "" }))
    .sort((a, b) => b.start - a.start);
  let out = source;
  let floor = Infinity;
  for (const e of edits) {
    if (e.end > floor) continue; // overlaps an edit already applied; the next run takes it
    out = out.slice(0, e.start) + e.content + out.slice(e.end);
    floor = e.start;
  }
  return out;
}

let unformatted = 0;
let findings = 0;
for (const file of ROOTS.flatMap(pythonFiles)) {
  const source = readFileSync(path.join(root, file), "utf8");
  if (write) {
    let text = source;
    // Fixes can enable further fixes (an import sorted after an unused one is dropped); a few rounds settle it.
    for (let round = 0; round < 3; round++) {
      const fixed = applyFixes(
        text,
        workspace.check(text).filter((d) => d.fix),
      );
      if (fixed === text) break;
      text = fixed;
    }
    text = workspace.format(text);
    if (text !== source) writeFileSync(path.join(root, file), text);
    for (const d of workspace.check(text)) report(file, d);
  } else {
    if (workspace.format(source) !== source) {
      unformatted++;
      console.log(`${file}: would reformat`);
    }
    for (const d of workspace.check(source)) report(file, d);
  }
}

function report(file, d) {
  findings++;
  console.log(`${file}:${d.start_location.row}:${d.start_location.column}: ${d.code ?? "error"} ${d.message}${d.fix ? " [fixable]" : ""}`);
}

const summary = `ruff ${Workspace.version()}: ${unformatted} file(s) to reformat, ${findings} lint finding(s)`;
console.log(summary);
process.exit(unformatted + findings > 0 ? 1 : 0);
