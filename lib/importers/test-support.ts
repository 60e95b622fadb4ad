// Helpers shared by this folder's tests (no test runs here; vitest only collects *.test.ts).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// CI clones the repository next to `shared/`, and vitest runs from the repository root.
export const FIXTURES = path.resolve(process.cwd(), "../shared/data/fixtures");

export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, relative)));
}

/** The one event file in a fixture folder, by its path relative to the fixtures. */
export function eventFilePath(folder: string): string {
  const name = readdirSync(path.join(FIXTURES, folder)).find((f) => f.startsWith("events.out.tfevents."));
  if (name === undefined) throw new Error(`no event file in ${folder}`);
  return `${folder}/${name}`;
}

export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export interface WalkedRecord {
  offset: number;
  /** Bytes from this record's header to the next record's. */
  size: number;
  wallTime: number;
  step: number;
  /** `simple_value` scalars, read straight from the bytes with a DataView. */
  scalars: [string, number][];
}

/**
 * A deliberately separate reading of an event file, to check the importer against: TFRecord framing without
 * CRCs, and a hand walk of the protobuf wire format for Event.wall_time/step and Summary.Value.tag/simple_value.
 */
export function walkEventFile(bytes: Uint8Array): WalkedRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const varint = (pos: number): [number, number] => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[pos++]!;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if (b < 0x80) return [value, pos];
    }
  };
  /** Calls `field` with each field's number and the position and length of its payload. */
  const fields = (start: number, end: number, field: (n: number, pos: number, len: number) => void) => {
    let pos = start;
    while (pos < end) {
      const [key, p] = varint(pos);
      const wire = key & 7;
      let len: number;
      let at = p;
      if (wire === 0) len = varint(p)[1] - p;
      else if (wire === 1) len = 8;
      else if (wire === 5) len = 4;
      else if (wire === 2) [len, at] = varint(p);
      else throw new Error(`wire type ${wire}`);
      field(key >>> 3, at, len);
      pos = at + len;
    }
  };
  const records: WalkedRecord[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const length = view.getUint32(offset, true);
    const start = offset + 12;
    const record: WalkedRecord = { offset, size: 16 + length, wallTime: 0, step: 0, scalars: [] };
    fields(start, start + length, (n, pos, len) => {
      if (n === 1) record.wallTime = view.getFloat64(pos, true);
      else if (n === 2) record.step = varint(pos)[0];
      else if (n === 5) {
        fields(pos, pos + len, (sn, vpos, vlen) => {
          if (sn !== 1) return;
          let tag = "";
          let value: number | undefined;
          fields(vpos, vpos + vlen, (vn, fpos, flen) => {
            if (vn === 1) tag = new TextDecoder().decode(bytes.subarray(fpos, fpos + flen));
            else if (vn === 2) value = view.getFloat32(fpos, true);
          });
          if (value !== undefined) record.scalars.push([tag, value]);
        });
      }
    });
    records.push(record);
    offset += record.size;
  }
  return records;
}

/** Rows as the importer should build them from walked records: grouped by step, latest wall time. */
export function rowsFromWalk(records: readonly WalkedRecord[]): Map<number, { values: Record<string, number>; time: number }> {
  const rows = new Map<number, { values: Record<string, number>; time: number }>();
  for (const r of records) {
    if (r.scalars.length === 0) continue;
    const row = rows.get(r.step) ?? { values: {}, time: -Infinity };
    for (const [tag, value] of r.scalars) row.values[tag] = value;
    row.time = Math.max(row.time, r.wallTime);
    rows.set(r.step, row);
  }
  return rows;
}
