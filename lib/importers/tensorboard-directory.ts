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
  const restarts = new RestartCheck();
  for (const file of sortEventFiles(files)) {
    const fileName = baseName(file.name);
    restarts.startFile(fileName);
    for await (const batch of decodeChunks(new TensorboardDecoder(), file.chunks)) yield withFile(restarts.check(batch), fileName);
  }
}

/**
 * A later file that starts no later than the one before it is not a resumption (that starts from a checkpoint,
 * further on) but another training written into the same log directory. Its values replace the earlier one's at the
 * steps both hold; the import says so rather than mixing two trainings silently.
 */
class RestartCheck {
  private previous: { name: string; firstStep: number } | undefined;
  private current: { name: string; firstStep?: number } | undefined;

  startFile(name: string): void {
    if (this.current?.firstStep !== undefined) this.previous = { name: this.current.name, firstStep: this.current.firstStep };
    this.current = { name };
  }

  check(batch: ImportBatch): ImportBatch {
    const current = this.current!;
    if (current.firstStep !== undefined || batch.rows.length === 0) return batch;
    const step = (current.firstStep = batch.rows[0]!.step);
    const previous = this.previous;
    if (!previous || step > previous.firstStep) return batch;
    const message =
      `starts again at step ${step} (${previous.name} began at step ${previous.firstStep}): another training written to the same log directory. ` +
      `Its values replaced ${previous.name}'s at the steps both hold; import the files one at a time to keep both trainings.`;
    return { ...batch, problems: [...batch.problems, { message }] };
  }
}

export function importTensorboardDirectory(name: string, files: readonly EventFile[]): Promise<ImportedRun> {
  return collectRun(name, "tensorboard", streamTensorboardFiles(files));
}

/** The small-input path: every file of a directory in memory. */
export function parseTensorboardFiles(name: string, files: readonly { name: string; bytes: Uint8Array }[]): ImportedRun {
  const restarts = new RestartCheck();
  const batches = sortEventFiles(files).flatMap((file) => {
    const decoder = new TensorboardDecoder();
    const storable = new StorableFilter();
    restarts.startFile(baseName(file.name));
    return [decoder.push(file.bytes), decoder.end()].map((batch) => withFile(restarts.check(storable.apply(batch)), baseName(file.name)));
  });
  return collectBatches(name, "tensorboard", batches);
}
