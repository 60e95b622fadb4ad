import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { runNameFromPath, sortEventFiles } from "../importers";
import { firstLoggedStep, splitTrainings, trainingName } from "./event-trainings";
import { findConfigFiles } from "./neighbour-config";

/**
 * What one import invocation will create: one entry per run. A trainer state may carry the results files HF's
 * Trainer writes beside it (`all_results.json`, …), which go into that run's summary; any run may carry the
 * config files beside its logs (`training_args.json`, `config.json`, `adapter_config.json`), read into its config.
 */
export type ImportItem = ({ kind: "file"; path: string; summaryFiles?: string[] } | { kind: "tensorboard_dir"; dir: string; files: string[]; name?: string }) & {
  configFiles?: string[];
};

/** The item with the config files beside its logs, when there are any. */
function withConfigFiles(item: ImportItem): ImportItem {
  const configFiles = findConfigFiles(item.kind === "file" ? path.dirname(item.path) : item.dir);
  return configFiles.length ? { ...item, configFiles } : item;
}

/** The plan, and every importable file it leaves out with the reason (the CLI prints them: never silent). */
export interface ImportPlan {
  items: ImportItem[];
  skipped: { path: string; reason: string }[];
  /** What the plan decided that the runs' names alone do not say (a log dir split into trainings). */
  notes: string[];
}

const IMPORTABLE = /(^trainer_state\.json$|tfevents|\.jsonl$|\.ndjson$|\.csv$)/i;
const STATE = "trainer_state.json";
const CHECKPOINT = /^checkpoint-(\d+)$/;
/** HF's Trainer writes these into its output directory at the end; later ones say more (all = train + eval). */
const RESULT_FILES = ["train_results.json", "eval_results.json", "all_results.json"];

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && IMPORTABLE.test(entry.name)) out.push(full);
  }
}

/** The training output directory a trainer state belongs to: its folder, or the one above `checkpoint-N`. */
function outputDir(state: string): { root: string; checkpoint: number | null } {
  const folder = path.dirname(state);
  const match = CHECKPOINT.exec(path.basename(folder));
  return match ? { root: path.dirname(folder), checkpoint: Number(match[1]) } : { root: folder, checkpoint: null };
}

function stateItem(state: string, root: string): ImportItem {
  const summaryFiles = RESULT_FILES.map((f) => path.join(root, f)).filter((f) => existsSync(f));
  return summaryFiles.length ? { kind: "file", path: state, summaryFiles } : { kind: "file", path: state };
}

/**
 * A file, or every importable file under a directory, as runs:
 * - one trainer state per training output directory: the final one, else the latest `checkpoint-N` (each holds a
 *   prefix of the same history) unless event files in that directory go further; with the directory's results
 *   files for the summary;
 * - event files grouped by directory (one run per log dir), except a log dir inside an output directory that has a
 *   trainer state (HF's `runs/<date>_<host>/`): the Trainer logged the same values to both, and the trainer state
 *   holds them exactly, eval rows included;
 * - any other JSONL or CSV file a run of its own.
 */
export function planImport(target: string): ImportPlan {
  if (!statSync(target).isDirectory()) {
    if (/tfevents/.test(path.basename(target)))
      return { items: [withConfigFiles({ kind: "tensorboard_dir", dir: path.dirname(target), files: [target] })], skipped: [], notes: [] };
    const item = path.basename(target) === STATE ? stateItem(target, outputDir(target).root) : { kind: "file" as const, path: target };
    return { items: [withConfigFiles(item)], skipped: [], notes: [] };
  }
  const files: string[] = [];
  walk(target, files);
  files.sort();
  const skipped: ImportPlan["skipped"] = [];

  const within = (dir: string, root: string) => dir === root || dir.startsWith(root + path.sep);
  // The state each output directory keeps: the final one (no checkpoint) ranks above every checkpoint.
  const kept = new Map<string, { state: string; rank: number }>();
  for (const state of files.filter((f) => path.basename(f) === STATE)) {
    const { root, checkpoint } = outputDir(state);
    const rank = checkpoint ?? Number.POSITIVE_INFINITY;
    const held = kept.get(root);
    if (held && held.rank >= rank) {
      skipped.push({ path: state, reason: `an earlier copy of ${held.state}'s history (same training)` });
      continue;
    }
    if (held) skipped.push({ path: held.state, reason: `an earlier copy of ${state}'s history (same training)` });
    kept.set(root, { state, rank });
  }

  // A training stopped before its final save has checkpoint states only, each ending at its checkpoint: its event
  // files (logged up to the stop) are the longer record and are kept instead.
  const eventFiles = files.filter((f) => path.basename(f).includes("tfevents"));
  for (const [root, { state, rank }] of kept) {
    const logged = eventFiles.find((f) => within(path.dirname(f), root));
    if (rank === Number.POSITIVE_INFINITY || !logged) continue;
    skipped.push({ path: state, reason: `a checkpoint's copy of the history; the event files in ${path.dirname(logged)} go on to where training stopped` });
    kept.delete(root);
  }

  const items: ImportItem[] = [];
  const events = new Map<string, string[]>();
  for (const file of files) {
    const name = path.basename(file);
    if (name.includes("tfevents")) {
      const dir = path.dirname(file);
      const owner = [...kept.entries()].find(([root]) => within(dir, root));
      if (owner) skipped.push({ path: file, reason: `logged by the same training as ${owner[1].state}, which holds the same values exactly` });
      else events.set(dir, [...(events.get(dir) ?? []), file]);
    } else if (name !== STATE) {
      items.push({ kind: "file", path: file });
    }
  }
  for (const [root, { state }] of kept) items.push(stateItem(state, root));
  const notes: string[] = [];
  for (const [dir, group] of events) {
    // Several trainings written into one log dir (its files' steps start over) are a run each.
    const trainings = splitTrainings(
      sortEventFiles(group.map((name) => ({ name }))).map((f) => f.name),
      firstLoggedStep,
      "join",
    );
    const name = runNameFromPath(`${dir}/events.out.tfevents`, "tensorboard");
    if (trainings.length > 1)
      notes.push(
        `${dir} holds ${trainings.length} trainings (the steps start over in ${trainings
          .slice(1)
          .map((t) => path.basename(t[0]!))
          .join(", ")}): a run each`,
      );
    trainings.forEach((files, i) => items.push(i === 0 ? { kind: "tensorboard_dir", dir, files } : { kind: "tensorboard_dir", dir, files, name: trainingName(name, i) }));
  }
  return { items: items.map(withConfigFiles), skipped, notes };
}
