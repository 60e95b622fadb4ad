import { isLfsPointer, LFS_POINTER_MESSAGE } from "./problem-text";
import { mergeRowsByStep } from "./step-rows";
import { StorableFilter } from "./storable";
import type { ChunkDecoder, ImportBatch, ImportedRow, ImportedRun, ImportFormat, ImportProblem } from "./types";

export type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

function isEmpty(batch: ImportBatch): boolean {
  return batch.rows.length === 0 && batch.problems.length === 0 && !batch.config && !batch.summary;
}

// Large chunks (a 1 MiB read, a whole file in one buffer) are fed in slices, so a batch never holds more
// than ~64 KiB of input's rows and memory stays flat however the caller chunks its reads.
const SLICE = 64 * 1024;

/**
 * Drives a push decoder over chunks, yielding a batch per slice of input that completed something. A Git LFS
 * pointer (the file was never pulled) is one problem saying so, not a pile of decoding errors.
 */
export async function* decodeChunks(decoder: ChunkDecoder, chunks: Chunks): AsyncGenerator<ImportBatch> {
  const storable = new StorableFilter();
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      if (isLfsPointer(chunk)) {
        yield { rows: [], problems: [{ offset: 0, message: LFS_POINTER_MESSAGE }] };
        return;
      }
    }
    for (let at = 0; at < chunk.length; at += SLICE) {
      const batch = storable.apply(decoder.push(chunk.subarray(at, at + SLICE)));
      if (!isEmpty(batch)) yield batch;
    }
  }
  const last = storable.apply(decoder.end());
  if (!isEmpty(last)) yield last;
}

/** Folds batches into one run the way a consumer would: rows merged by step (later wins), patches merged. */
class RunCollector {
  private rows: ImportedRow[] = [];
  private problems: ImportProblem[] = [];
  private config: Record<string, unknown> = {};
  private summary: Record<string, unknown> = {};

  add(batch: ImportBatch): void {
    for (const row of batch.rows) this.rows.push(row);
    for (const problem of batch.problems) this.problems.push(problem);
    // Spread, not Object.assign: an uploaded "__proto__" key must stay a key, not replace the prototype.
    if (batch.config) this.config = { ...this.config, ...batch.config };
    if (batch.summary) this.summary = { ...this.summary, ...batch.summary };
  }

  run(name: string, source: ImportFormat): ImportedRun {
    const { config, summary, problems } = this;
    return { name, source, config, summary, rows: mergeRowsByStep(this.rows), problems };
  }
}

export function collectBatches(name: string, source: ImportFormat, batches: Iterable<ImportBatch>): ImportedRun {
  const collector = new RunCollector();
  for (const batch of batches) collector.add(batch);
  return collector.run(name, source);
}

export async function collectRun(name: string, source: ImportFormat, batches: AsyncIterable<ImportBatch>): Promise<ImportedRun> {
  const collector = new RunCollector();
  for await (const batch of batches) collector.add(batch);
  return collector.run(name, source);
}

/** The small-input path: one buffer through a decoder, synchronously. */
export function decodeBuffer(name: string, source: ImportFormat, decoder: ChunkDecoder, bytes: Uint8Array): ImportedRun {
  const storable = new StorableFilter();
  return collectBatches(
    name,
    source,
    [decoder.push(bytes), decoder.end()].map((batch) => storable.apply(batch)),
  );
}
