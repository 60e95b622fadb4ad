import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parsePythonJson } from "../importers/python-json";

/**
 * The config files a training leaves beside its logs, nearest folder first: the arguments it ran with
 * (`training_args.json`, as scripts save TrainingArguments / DPOConfig next to HF's pickled `training_args.bin`),
 * the model's `config.json` (HF's `save_model`) and PEFT's `adapter_config.json`.
 */
const CONFIG_FILES = ["training_args.json", "config.json", "adapter_config.json"] as const;

/** A config file found for a run, and where its keys go in the run's config (`null`: top level). */
export interface ConfigFile {
  path: string;
  under: "model" | "adapter" | null;
}

/**
 * The folders a log's config may sit in: its own, and the training's output directory, which is the one above
 * `checkpoint-N` (a checkpoint's trainer state) or above `runs/<date>_<host>` (HF's TensorBoard log dir).
 */
function configFolders(dir: string): string[] {
  const parent = path.dirname(dir);
  if (/^checkpoint-\d+$/.test(path.basename(dir))) return [dir, parent];
  if (path.basename(parent) === "runs") return [dir, path.dirname(parent)];
  return [dir];
}

/** The config files beside a log in `dir` (one of each name, the nearest); `under` is settled when read. */
export function findConfigFiles(dir: string): string[] {
  const folders = configFolders(dir);
  return CONFIG_FILES.flatMap((name) => folders.map((folder) => path.join(folder, name)).find((file) => existsSync(file)) ?? []);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Where a file's keys go: the arguments at top level (as the event-file TrainingArguments lifting puts them, so β
 * and loss_type reach the diagnostics), a model config (it names `model_type` or `architectures`) under `model`,
 * an adapter config under `adapter`; a `config.json` that is no model's config is the run's own, at top level.
 */
function placeOf(file: string, value: Record<string, unknown>): ConfigFile["under"] {
  const name = path.basename(file);
  if (name === "adapter_config.json") return "adapter";
  if (name === "config.json" && ("model_type" in value || "architectures" in value)) return "model";
  return null;
}

/** The run config the files give (top-level keys of an earlier file win), and each file read with its place; an unreadable file is reported and left out. */
export function readConfigFiles(files: readonly string[], warn: (file: string, message: string) => void): { config?: Record<string, unknown>; read: ConfigFile[] } {
  let config: Record<string, unknown> | undefined;
  const read: ConfigFile[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = parsePythonJson(readFileSync(file, "utf8")); // HF writes NaN bare
    } catch (error) {
      warn(file, (error as Error).message);
      continue;
    }
    if (!isObject(value)) {
      warn(file, "not a JSON object");
      continue;
    }
    const under = placeOf(file, value);
    config = under ? { ...config, [under]: value } : { ...value, ...config };
    read.push({ path: file, under });
  }
  return { config, read };
}

/** "a/training_args.json, a/config.json (as model)": what fed a run's config, for the plan printout. */
export function describeConfigFiles(read: readonly ConfigFile[], relativeTo: string): string {
  return read.map((f) => `${path.relative(relativeTo, f.path) || path.basename(f.path)}${f.under ? ` (as ${f.under})` : ""}`).join(", ");
}
