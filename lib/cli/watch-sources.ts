import { readdirSync } from "node:fs";
import path from "node:path";
import { runNameFromPath, sortEventFiles } from "../importers";
import { baseName } from "../importers/detect-format";
import { firstLoggedStep, splitTrainings, trainingName } from "./event-trainings";
import type { FollowedFormat } from "./file-follower";
import { findConfigFiles } from "./neighbour-config";

/** One run's worth of files under a watched folder, as `prefscope watch` follows it. */
export interface WatchSource {
  /** Stable across polls and restarts: a log dir, a training output dir (its trainer states), or a file. */
  key: string;
  name: string;
  format: FollowedFormat;
  /** In reading order: event files oldest first; for a training, the one trainer state to read (final, else latest checkpoint). */
  files: string[];
  /** The config files beside its logs (`training_args.json`, `config.json`, `adapter_config.json`), nearest first. */
  configFiles: string[];
}

const CHECKPOINT = /^checkpoint-(\d+)$/;

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // removed while we looked
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

const isEventFile = (f: string) => baseName(f).includes("tfevents");
const within = (dir: string, root: string) => dir === root || dir.startsWith(root + path.sep);

/**
 * The sources under the watched folders now. A training's event files and its trainer states are one training:
 * while it runs only the event files grow (trainer states appear at checkpoints), so whichever was seen first
 * stays its source (`adopted`), and the other is left out rather than made a second run of the same training.
 * Several trainings written into one log dir (a file's steps start over) are a source each, keyed `<dir> (2)`, …;
 * a new file joins one once it logs its first step (`firstStep`: the caller may remember what it read).
 */
export function findSources(roots: string[], adopted: ReadonlyMap<string, WatchSource>, firstStep: (file: string) => number | undefined = firstLoggedStep): WatchSource[] {
  const files: string[] = [];
  for (const root of roots) walk(path.resolve(root), files);
  files.sort();
  const sources = new Map<string, WatchSource>();
  const eventDirs = new Map<string, string[]>();
  const states = new Map<string, { file: string; rank: number }>();
  for (const file of files) {
    const name = baseName(file);
    if (isEventFile(name)) eventDirs.set(path.dirname(file), [...(eventDirs.get(path.dirname(file)) ?? []), file]);
    else if (name === "trainer_state.json") {
      const folder = path.dirname(file);
      const match = CHECKPOINT.exec(path.basename(folder));
      const root = match ? path.dirname(folder) : folder;
      const rank = match ? Number(match[1]) : Number.POSITIVE_INFINITY;
      if ((states.get(root)?.rank ?? -1) < rank) states.set(root, { file, rank });
    } else if (/\.(jsonl|ndjson)$/i.test(name) || /\.csv$/i.test(name)) {
      const format = /\.csv$/i.test(name) ? "csv" : "jsonl";
      sources.set(file, { key: file, name: runNameFromPath(file, format), format, files: [file], configFiles: findConfigFiles(path.dirname(file)) });
    }
  }
  for (const [root, { file }] of states) {
    sources.set(root, { key: root, name: runNameFromPath(file, "trainer_state"), format: "trainer_state", files: [file], configFiles: findConfigFiles(path.dirname(file)) });
  }
  for (const [dir, group] of eventDirs) {
    const owner = [...states.keys()].find((root) => within(dir, root));
    // A training followed through its trainer state already: its event files are not a second run of it.
    if (owner && adopted.has(owner)) continue;
    // Otherwise the live event files are the training's source and its trainer states are left out.
    if (owner) sources.delete(owner);
    const ordered = sortEventFiles(group.map((name) => ({ name }))).map((f) => f.name);
    const name = runNameFromPath(`${dir}/events.out.tfevents`, "tensorboard");
    const configFiles = findConfigFiles(dir);
    splitTrainings(ordered, firstStep, "wait").forEach((files, i) => {
      const key = i === 0 ? dir : trainingName(dir, i);
      sources.set(key, { key, name: trainingName(name, i), format: "tensorboard", files, configFiles });
    });
  }
  return [...sources.values()];
}
