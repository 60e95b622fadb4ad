import type { Chunks } from "./collect-run";

/** Bytes read and rows stored by an import as it goes, of a total known up front; `onChange` hears every step. */
export class ImportTally {
  bytes = 0;
  rows = 0;
  onChange: (() => void) | undefined;

  constructor(readonly total: number) {}

  /** The chunks, counted as the decoder takes them. */
  async *count(chunks: Chunks): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      this.bytes += chunk.byteLength;
      this.onChange?.();
      yield chunk;
    }
  }

  addRows(rows: number): void {
    this.rows += rows;
    this.onChange?.();
  }
}
