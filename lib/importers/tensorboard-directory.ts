import { collectBatches, collectRun, decodeChunks, type Chunks } from "./collect-run";
import { baseName } from "./detect-format";
import { StorableFilter } from "./storable";
import { TensorboardDecoder } from "./tensorboard-decoder";
import type { ImportBatch, ImportedRun } from "./types";

export interface EventFile {
  name: string;
  chunks: Chunks;
}

/** The creation time writers put in the name: `events.out.tfevents.<unix seconds>.<host>.<pid>.<n>`. */
function fileTime(name: string): number {
  const match = /tfevents\.(\d+(?:\.\d+)?)/.exec(baseName(name));
  return match ? Number(match[1]) : 0;
}

/** Oldest first, so a resumed run's newer file is read last and wins at the steps both files hold. */
export function sortEventFiles<T extends { name: string }>(files: readonly T[]): T[] {
  const byName = (a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...files].sort((a, b) => fileTime(a.name) - fileTime(b.name) || byName(a, b));
}

function withFile(batch: ImportBatch, file: string): ImportBatch {
  return batch.problems.length === 0 ? batch : { ...batch, problems: batch.problems.map((p) => ({ file, ...p })) };
}

/**
 * All event files of one log directory as one run's batches, oldest file first. Consumers that upsert rows
 * later-wins (as `collectRun` does) get "later file wins at equal step". Problems carry their file's name.
 */
export async function* streamTensorboardFiles(files: readonly EventFile[]): AsyncGenerator<ImportBatch> {
  for (const file of sortEventFiles(files)) {
    const fileName = baseName(file.name);
    for await (const batch of decodeChunks(new TensorboardDecoder(), file.chunks)) yield withFile(batch, fileName);
  }
}

export function importTensorboardDirectory(name: string, files: readonly EventFile[]): Promise<ImportedRun> {
  return collectRun(name, "tensorboard", streamTensorboardFiles(files));
}

/** The small-input path: every file of a directory in memory. */
export function parseTensorboardFiles(name: string, files: readonly { name: string; bytes: Uint8Array }[]): ImportedRun {
  const batches = sortEventFiles(files).flatMap((file) => {
    const decoder = new TensorboardDecoder();
    const storable = new StorableFilter();
    return [decoder.push(file.bytes), decoder.end()].map((batch) => withFile(storable.apply(batch), baseName(file.name)));
  });
  return collectBatches(name, "tensorboard", batches);
}
