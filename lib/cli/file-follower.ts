import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import type { ChunkDecoder, ImportBatch } from "../importers";
import { CsvDecoder } from "../importers/csv-decoder";
import { isLfsPointer, LFS_POINTER_MESSAGE } from "../importers/problem-text";
import { JsonlDecoder } from "../importers/jsonl-decoder";
import { StorableFilter } from "../importers/storable";
import { TensorboardDecoder } from "../importers/tensorboard-decoder";
import { TrainerStateDecoder } from "../importers/trainer-state-decoder";

export type FollowedFormat = "jsonl" | "csv" | "tensorboard" | "trainer_state";

const DECODERS: Record<FollowedFormat, (stepKeys?: readonly string[]) => ChunkDecoder> = {
  jsonl: (stepKeys) => new JsonlDecoder(stepKeys),
  csv: (stepKeys) => new CsvDecoder(stepKeys),
  tensorboard: () => new TensorboardDecoder(),
  trainer_state: () => new TrainerStateDecoder(),
};

const READ_BYTES = 1 << 20;

/**
 * Follows one file as a logger writes it, through the importers' own push decoders: appended bytes give the rows
 * they complete, and a record cut mid-write waits in the decoder for the rest. A file that shrinks, or a trainer
 * state (rewritten whole at every save), is read again from the start: the server keeps one value per step and
 * key, so rows read twice are stored once.
 */
export class FileFollower {
  private decoder: ChunkDecoder;
  private storable = new StorableFilter();
  private offset = 0;
  private version = "";

  constructor(
    readonly path: string,
    readonly format: FollowedFormat,
    /** JSONL and CSV: where the step is, when not under the usual names. */
    private readonly stepKeys?: readonly string[],
  ) {
    this.decoder = DECODERS[format](stepKeys);
  }

  /** What the file gained since the last call (null when nothing changed). */
  poll(): ImportBatch | null {
    let stat;
    try {
      stat = statSync(this.path);
    } catch {
      return null; // gone for now (an editor's save-by-rename): looked at again next time
    }
    const version = `${stat.size}:${stat.mtimeMs}`;
    if (version === this.version) return null;
    this.version = version;
    if (this.format === "trainer_state") return this.readWhole();
    if (stat.size < this.offset) this.restart();
    const batch = this.readFrom(this.offset);
    // Everything there is has been read: the last complete step goes now, not when the next one begins.
    batch.rows.push(...this.storable.apply({ rows: this.decoder.settle?.() ?? [], problems: [] }).rows);
    return batch;
  }

  private restart(): void {
    this.decoder = DECODERS[this.format](this.stepKeys);
    this.storable = new StorableFilter();
    this.offset = 0;
  }

  private readWhole(): ImportBatch {
    this.restart();
    const batch = this.readFrom(0);
    const last = this.storable.apply(this.decoder.end());
    return {
      rows: [...batch.rows, ...last.rows],
      problems: [...batch.problems, ...last.problems],
      config: { ...batch.config, ...last.config },
      summary: { ...batch.summary, ...last.summary },
    };
  }

  private readFrom(offset: number): ImportBatch {
    const out: ImportBatch = { rows: [], problems: [] };
    const fd = openSync(this.path, "r");
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.alloc(READ_BYTES);
      for (let at = offset; at < size;) {
        const read = readSync(fd, buffer, 0, Math.min(READ_BYTES, size - at), at);
        if (read === 0) break;
        const chunk = new Uint8Array(buffer.subarray(0, read));
        if (at === 0 && isLfsPointer(chunk)) {
          out.problems.push({ file: this.path, offset: 0, message: LFS_POINTER_MESSAGE });
          this.offset = size;
          return out;
        }
        const batch = this.storable.apply(this.decoder.push(chunk));
        out.rows.push(...batch.rows);
        out.problems.push(...batch.problems.map((p) => ({ file: this.path, ...p })));
        if (batch.config) out.config = { ...out.config, ...batch.config };
        if (batch.summary) out.summary = { ...out.summary, ...batch.summary };
        at += read;
        this.offset = at;
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }
}
