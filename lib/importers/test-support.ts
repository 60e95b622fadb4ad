// Helpers shared by this folder's tests (no test runs here; vitest only collects *.test.ts).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { maskedCrc32c } from "./crc32c";

// Real tool outputs kept byte-identical in the repository (see tests/fixtures/README.md).
export const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures");

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
  for (let offset = 0; offset < bytes.length;) {
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

export interface WalkedRow {
  values: Record<string, number>;
  time: number;
}

/** Rows as the importer should build them from walked records: grouped by step, latest wall time. */
export function rowsFromWalk(records: readonly WalkedRecord[]): Map<number, WalkedRow> {
  const rows = new Map<number, WalkedRow>();
  for (const r of records) {
    if (r.scalars.length === 0) continue;
    const row = rows.get(r.step) ?? { values: {}, time: -Infinity };
    for (const [tag, value] of r.scalars) row.values[tag] = value;
    row.time = Math.max(row.time, r.wallTime);
    rows.set(r.step, row);
  }
  return rows;
}

export function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One TFRecord frame around `data`. */
export function frame(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(16 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length, true);
  view.setUint32(8, maskedCrc32c(out, 0, 8), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

// A tiny protobuf writer, enough to generate Events for tests.
function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  out.push(n);
  return out;
}
const lengthDelimited = (field: number, body: Uint8Array) => join(new Uint8Array([...varint((field << 3) | 2), ...varint(body.length)]), body);
const fixed = (field: number, wire: 1 | 5, write: (v: DataView) => void) => {
  const out = new Uint8Array(1 + (wire === 1 ? 8 : 4));
  out[0] = (field << 3) | wire;
  write(new DataView(out.buffer, 1));
  return out;
};

export type GeneratedValue = { tag: string; simple: number } | { tag: string; tensorFloat: number; plugin?: string } | { tag: string; text: string };

function encodeValue(value: GeneratedValue): Uint8Array {
  const parts = [lengthDelimited(1, utf8(value.tag))];
  const plugin = (name: string) => lengthDelimited(9, lengthDelimited(1, lengthDelimited(1, utf8(name))));
  if ("simple" in value) parts.push(fixed(2, 5, (v) => v.setFloat32(0, value.simple, true)));
  else if ("tensorFloat" in value) {
    const floats = new Uint8Array(4);
    new DataView(floats.buffer).setFloat32(0, value.tensorFloat, true);
    const tensor = join(new Uint8Array([0x08, 1 /* DT_FLOAT */]), lengthDelimited(5, floats));
    parts.push(plugin(value.plugin ?? "scalars"), lengthDelimited(8, tensor));
  } else {
    const shape = lengthDelimited(2, lengthDelimited(2, new Uint8Array([0x08, 1])));
    const tensor = join(new Uint8Array([0x08, 7 /* DT_STRING */]), shape, lengthDelimited(8, utf8(value.text)));
    parts.push(plugin("text"), lengthDelimited(8, tensor));
  }
  return join(...parts);
}

/** A framed Event record holding a Summary with `values`, as a writer would append it. */
export function eventRecord(step: number, wallTime: number, values: GeneratedValue[]): Uint8Array {
  const parts: Uint8Array[] = [fixed(1, 1, (v) => v.setFloat64(0, wallTime, true))];
  if (step !== 0) parts.push(new Uint8Array([0x10, ...varint(step)]));
  parts.push(lengthDelimited(5, join(...values.map((v) => lengthDelimited(1, encodeValue(v))))));
  return frame(join(...parts));
}
