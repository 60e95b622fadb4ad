import type { Chunks } from "./collect-run";

const SLICE = 64 * 1024;

/**
 * Bytes read and rows stored by an import as it goes, of a total known up front; `onChange` hears every step. What
 * it returns for a step of bytes is awaited before the decoder gets them: a listener that just reported can give
 * the event loop a turn there, which an embedded database's writes (all in-process) would otherwise never do. A
 * step of rows comes in a write's callback, where nothing can wait.
 */
export class ImportTally {
  bytes = 0;
  rows = 0;
  onChange: ((step: "bytes" | "rows") => void | Promise<void>) | undefined;

  constructor(readonly total: number) {}

  /**
   * The chunks, counted as the decoder takes them, in slices of at most 64 KiB: a file held in memory comes as one
   * chunk (an upload's Blob), and the count must move as the decoder works through it, not jump to the end at once.
   */
  async *count(chunks: Chunks): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      for (let at = 0; at < chunk.byteLength; at += SLICE) {
        const slice = chunk.subarray(at, at + SLICE);
        this.bytes += slice.byteLength;
        await this.onChange?.("bytes");
        yield slice;
      }
    }
  }

  addRows(rows: number): void {
    this.rows += rows;
    void this.onChange?.("rows");
  }
}
