import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What one import invocation will create: one entry per run. */
export type ImportItem = { kind: "file"; path: string } | { kind: "tensorboard_dir"; dir: string; files: string[] };

const IMPORTABLE = /(^trainer_state\.json$|tfevents|\.jsonl$|\.ndjson$|\.csv$)/i;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && IMPORTABLE.test(entry.name)) out.push(full);
  }
}

/**
 * A file, or every importable file under a directory: event files grouped by directory (one run per log dir),
 * everything else a run of its own. A `checkpoint-N/trainer_state.json` is skipped when the output directory
 * above it has the final one (it holds a prefix of the same history).
 */
export function planImport(target: string): ImportItem[] {
  if (!statSync(target).isDirectory()) {
    return [/tfevents/.test(path.basename(target)) ? { kind: "tensorboard_dir", dir: path.dirname(target), files: [target] } : { kind: "file", path: target }];
  }
  const files: string[] = [];
  walk(target, files);
  const events = new Map<string, string[]>();
  const items: ImportItem[] = [];
  const states = new Set(files.filter((f) => path.basename(f) === "trainer_state.json"));
  for (const file of files.sort()) {
    const name = path.basename(file);
    if (name.includes("tfevents")) {
      const dir = path.dirname(file);
      events.set(dir, [...(events.get(dir) ?? []), file]);
      continue;
    }
    const parent = path.dirname(file);
    if (name === "trainer_state.json" && /^checkpoint-\d+$/.test(path.basename(parent)) && states.has(path.join(path.dirname(parent), name))) continue;
    items.push({ kind: "file", path: file });
  }
  for (const [dir, group] of events) items.push({ kind: "tensorboard_dir", dir, files: group });
  return items;
}
