import { startsWithTfRecord } from "./tfrecord-reader";
import type { ImportFormat } from "./types";
import { isRunsTableHeader } from "./wandb-runs-table";

/** How many leading bytes `detectFormat` wants to see; fewer work, with less sniffing. */
export const SNIFF_BYTES = 512;

const STEP_HEADER = /(^|,)\s*"?(_step|step|global_step)"?\s*(,|$)/i;

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

function extension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** Content sniffing for files whose names say nothing (uploads renamed by a browser, `export.txt`, ...). */
function firstLineOf(firstBytes: Uint8Array): { text: string; newline: number; firstLine: string } {
  const text = new TextDecoder().decode(firstBytes).trimStart();
  const newline = text.indexOf("\n");
  return { text, newline, firstLine: (newline < 0 ? text : text.slice(0, newline)).trim() };
}

/** A CSV is a history (one row per step) unless its header is a W&B runs table's (one row per run). */
function csvKind(firstBytes: Uint8Array): ImportFormat {
  return isRunsTableHeader(firstLineOf(firstBytes).firstLine) ? "wandb_runs" : "csv";
}

function sniff(firstBytes: Uint8Array): ImportFormat | null {
  if (startsWithTfRecord(firstBytes)) return "tensorboard";
  const { text, newline, firstLine } = firstLineOf(firstBytes);
  if (text.startsWith("{")) {
    // trainer_state.json is indented (json.dumps(indent=2)), so its first line is a lone brace;
    // a JSON Lines file's first line is a whole object.
    if (text.includes('"log_history"') || firstLine === "{") return "trainer_state";
    if (newline >= 0 && firstLine.endsWith("}")) return "jsonl";
    return null;
  }
  if (STEP_HEADER.test(firstLine)) return "csv";
  return isRunsTableHeader(firstLine) ? "wandb_runs" : null;
}

/**
 * Which importer reads a file: by name first (`events.out.tfevents.*`, `trainer_state.json`, `.jsonl`,
 * `.ndjson`, `.csv`: a history, or a W&B runs table by its header), then by content. Null when neither says.
 */
export function detectFormat(fileName: string, firstBytes: Uint8Array): ImportFormat | null {
  const name = baseName(fileName);
  if (name.startsWith("events.out.tfevents.")) return "tensorboard";
  if (name === "trainer_state.json") return "trainer_state";
  const ext = extension(name);
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "csv") return csvKind(firstBytes);
  return sniff(firstBytes);
}
