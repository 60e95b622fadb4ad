import { maskedCrc32c } from "./crc32c";
import type { ImportProblem } from "./types";

// TFRecord framing: uint64 length | uint32 masked CRC-32C(length) | data | uint32 masked CRC-32C(data), little-endian.
const HEADER = 12;
const FOOTER = 4;
// A length whose CRC checks out is what the writer wrote; this only bounds what we buffer waiting for it.
const MAX_RECORD = 256 * 1024 * 1024;

export interface TfRecordSink {
  /** `data` is a view into the reader's buffer, valid only during the call. */
  record(data: Uint8Array, offset: number, index: number): void;
  problem(problem: ImportProblem): void;
}

function readU32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** The record length at `i`, or -1 when the header's CRC does not match (or the length is absurd). */
function validLength(b: Uint8Array, i: number): number {
  if (maskedCrc32c(b, i, i + 8) !== readU32(b, i + 8)) return -1;
  const high = readU32(b, i + 4);
  const low = readU32(b, i);
  return high === 0 && low <= MAX_RECORD ? low : -1;
}

/** Whether `bytes` open with a TFRecord header whose length CRC checks out: a content sniff for event files. */
export function startsWithTfRecord(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER && validLength(bytes, 0) >= 0;
}

/**
 * Splits a byte stream into TFRecord payloads, checking both CRCs. A record with a bad data CRC is reported
 * and skipped (its length was vouched for). A header with a bad CRC cannot be trusted for its length, so the
 * reader scans forward byte by byte to the next header whose CRC matches (a false match is a 1-in-2^32 event)
 * and reports the skipped span. Input that ends mid-record is reported by `end`.
 */
export class TfRecordReader {
  private parts: Uint8Array[] = [];
  private partsBytes = 0;
  /** Bytes the buffered input must reach before parsing can make progress; avoids re-concatenating per chunk. */
  private need = HEADER;
  /** File offset of the first buffered byte. */
  private base = 0;
  private index = 0;
  /** Offset where a bad header sent us scanning, or -1 when in step. */
  private lostAt = -1;

  constructor(private readonly sink: TfRecordSink) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.partsBytes + chunk.length < this.need) {
      // Copied (`new Uint8Array(view)` copies; a Node Buffer's slice() would not): the caller may reuse its
      // chunk once `push` returns, and a small tail must not pin a large chunk in memory.
      this.parts.push(new Uint8Array(chunk));
      this.partsBytes += chunk.length;
      return;
    }
    const buf = this.parts.length === 0 ? chunk : concat([...this.parts, chunk], this.partsBytes + chunk.length);
    const used = this.parse(buf);
    this.base += used;
    const rest = buf.subarray(used);
    this.parts = rest.length > 0 ? [new Uint8Array(rest)] : [];
    this.partsBytes = rest.length;
  }

  end(): void {
    const left = this.partsBytes;
    if (this.lostAt >= 0) {
      this.sink.problem({
        offset: this.lostAt,
        message: `bad record header CRC; no valid record follows (${this.base + left - this.lostAt} bytes skipped)`,
      });
    } else if (left > 0) {
      const buf = concat(this.parts, left);
      const expected = left >= HEADER ? `${HEADER + validLength(buf, 0) + FOOTER} bytes` : "a 12-byte header";
      this.sink.problem({
        offset: this.base,
        record: this.index,
        message: `truncated record: input ends after ${left} bytes of ${expected}`,
      });
    }
    this.parts = [];
    this.partsBytes = 0;
    this.need = HEADER;
  }

  /** Consumes whole records (and skipped garbage) from `buf`; returns how many bytes it used. */
  private parse(buf: Uint8Array): number {
    let pos = 0;
    const n = buf.length;
    for (;;) {
      if (n - pos < HEADER) {
        this.need = HEADER;
        return pos;
      }
      const len = validLength(buf, pos);
      if (len < 0) {
        if (this.lostAt < 0) this.lostAt = this.base + pos;
        pos++;
        continue;
      }
      const total = HEADER + len + FOOTER;
      if (n - pos < total) {
        this.need = total;
        return pos;
      }
      if (this.lostAt >= 0) {
        const at = this.base + pos;
        this.sink.problem({
          offset: this.lostAt,
          message: `bad record header CRC; skipped ${at - this.lostAt} bytes to the next valid header at ${at}`,
        });
        this.lostAt = -1;
      }
      const dataEnd = pos + HEADER + len;
      if (maskedCrc32c(buf, pos + HEADER, dataEnd) === readU32(buf, dataEnd)) {
        this.sink.record(buf.subarray(pos + HEADER, dataEnd), this.base + pos, this.index);
      } else {
        const message = "bad record data CRC; record skipped";
        this.sink.problem({ offset: this.base + pos, record: this.index, message });
      }
      this.index++;
      pos += total;
    }
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
