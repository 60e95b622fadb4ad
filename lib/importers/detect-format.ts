import { startsWithTfRecord } from "./tfrecord-reader";
import type { ImportFormat } from "./types";

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
function sniff(firstBytes: Uint8Array): ImportFormat | null {
  if (startsWithTfRecord(firstBytes)) return "tensorboard";
  const text = new TextDecoder().decode(firstBytes).trimStart();
  const newline = text.indexOf("\n");
  const firstLine = (newline < 0 ? text : text.slice(0, newline)).trim();
  if (text.startsWith("{")) {
    // trainer_state.json is indented (json.dumps(indent=2)), so its first line is a lone brace;
    // a JSON Lines file's first line is a whole object.
    if (text.includes('"log_history"') || firstLine === "{") return "trainer_state";
    if (newline >= 0 && firstLine.endsWith("}")) return "jsonl";
    return null;
  }
  return STEP_HEADER.test(firstLine) ? "csv" : null;
}

/**
 * Which importer reads a file: by name first (`events.out.tfevents.*`, `trainer_state.json`, `.jsonl`,
 * `.ndjson`, `.csv`), then by content. Null when neither says.
 */
export function detectFormat(fileName: string, firstBytes: Uint8Array): ImportFormat | null {
  const name = baseName(fileName);
  if (name.startsWith("events.out.tfevents.")) return "tensorboard";
  if (name === "trainer_state.json") return "trainer_state";
  const ext = extension(name);
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "csv") return "csv";
  return sniff(firstBytes);
}
