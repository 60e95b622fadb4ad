import { closeSync, openSync, readdirSync, readSync } from "node:fs";
import path from "node:path";
import { runNameFromPath, sortEventFiles } from "../importers";
import { baseName, detectFormat, SNIFF_BYTES } from "../importers/detect-format";
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

/**
 * A CSV's kind by its header, as `prefscope import` tells it: a history, or a W&B runs table (one row per run,
 * an export rather than a log: `prefscope import` reads it). Undefined while the header is not whole yet.
 */
function csvKind(file: string): "csv" | "wandb_runs" | undefined {
  const head = new Uint8Array(SNIFF_BYTES);
  let length = 0;
  try {
    const fd = openSync(file, "r");
    try {
      length = readSync(fd, head, 0, SNIFF_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // removed while we looked
  }
  const bytes = head.subarray(0, length);
  if (length < SNIFF_BYTES && !bytes.includes(0x0a)) return undefined;
  return detectFormat(file, bytes) === "wandb_runs" ? "wandb_runs" : "csv";
}
const within = (dir: string, root: string) => dir === root || dir.startsWith(root + path.sep);

/**
 * The sources under the watched folders now. A training's event files and its trainer states are one training:
 * while it runs only the event files grow (trainer states appear at checkpoints), so whichever was seen first
 * stays its source (`adopted`), and the other is left out rather than made a second run of the same training.
 * Several trainings written into one log dir (a file's steps start over) are a source each, keyed `<dir> (2)`, …;
 * a new file joins one once it logs its first step (`firstStep`: the caller may remember what it read). A CSV
 * becomes a source once its header is written, unless the header is a W&B runs table's (`skip` says which).
 */
export function findSources(
  roots: string[],
  adopted: ReadonlyMap<string, WatchSource>,
  firstStep: (file: string) => number | undefined = firstLoggedStep,
  skip: (file: string, why: string) => void = () => {},
): WatchSource[] {
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
      if (format === "csv" && !adopted.has(file)) {
        const kind = csvKind(file);
        if (kind === undefined) continue; // its header is not written yet
        if (kind === "wandb_runs") {
          skip(file, "a W&B runs table (one row per run), not a training log: import it with `prefscope import`");
          continue;
        }
      }
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
