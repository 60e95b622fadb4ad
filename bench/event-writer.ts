import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { maskedCrc32c } from "../lib/importers/crc32c";

// A minimal TensorBoard event-file writer, byte for byte what torch.utils.tensorboard's SummaryWriter writes for
// `add_scalar` (one Event per scalar: wall_time, step — left out at 0, as proto3 does — and a Summary holding one
// Value {tag, simple_value}), framed as TFRecords with masked CRC-32Cs.

const FLUSH = 4 * 1024 * 1024;

function varint(out: number[], value: number): void {
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
}

function lengthDelimited(out: number[], field: number, bytes: ArrayLike<number>): void {
  out.push((field << 3) | 2);
  varint(out, bytes.length);
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i]!);
}

const scratch = new DataView(new ArrayBuffer(8));

function event(wallTime: number, step: number, body: (out: number[]) => void): Uint8Array {
  const out: number[] = [0x09];
  scratch.setFloat64(0, wallTime, true);
  for (let i = 0; i < 8; i++) out.push(scratch.getUint8(i));
  if (step !== 0) {
    out.push(0x10);
    varint(out, step);
  }
  body(out);
  return Uint8Array.from(out);
}

function scalarEvent(wallTime: number, step: number, tag: Uint8Array, value: number): Uint8Array {
  return event(wallTime, step, (out) => {
    const v: number[] = [];
    lengthDelimited(v, 1, tag);
    v.push(0x15);
    scratch.setFloat32(0, value, true);
    for (let i = 0; i < 4; i++) v.push(scratch.getUint8(i));
    const summary: number[] = [];
    lengthDelimited(summary, 1, v);
    lengthDelimited(out, 5, summary);
  });
}

/** Writes TFRecord-framed records to a file through a 4 MiB buffer. */
class RecordFile {
  private readonly fd: number;
  private buffer = new Uint8Array(FLUSH + 64 * 1024);
  private used = 0;
  bytes = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  write(data: Uint8Array): void {
    if (this.used + data.length + 16 > this.buffer.length) this.flush();
    const b = this.buffer;
    const view = new DataView(b.buffer);
    const at = this.used;
    view.setUint32(at, data.length, true);
    view.setUint32(at + 4, 0, true);
    view.setUint32(at + 8, maskedCrc32c(b, at, at + 8), true);
    b.set(data, at + 12);
    view.setUint32(at + 12 + data.length, maskedCrc32c(data), true);
    this.used += data.length + 16;
    this.bytes += data.length + 16;
  }

  flush(): void {
    if (this.used) writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export const EVENT_TAGS = [
  "loss",
  "rewards/chosen",
  "rewards/rejected",
  "rewards/accuracies",
  "rewards/margins",
  "logps/chosen",
  "logps/rejected",
  "logits/chosen",
  "grad_norm",
  "learning_rate",
];

/**
 * One TensorBoard log directory per run under `root`, each one event file of about `bytesPerRun` bytes: the
 * EVENT_TAGS every step. Returns the bytes written and the scalars they hold.
 */
export function writeEventDirs(root: string, runs: number, bytesPerRun: number): { bytes: number; scalars: number; dirs: string[] } {
  const tags = EVENT_TAGS.map((t) => new TextEncoder().encode(t));
  let bytes = 0;
  let scalars = 0;
  const dirs: string[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = path.join(root, `run-${r}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
    const file = new RecordFile(path.join(dir, `events.out.tfevents.${1_700_000_000 + r}.bench.${r}.0`));
    file.write(event(1.7e9, 0, (out) => lengthDelimited(out, 3, new TextEncoder().encode("brain.Event:2"))));
    for (let step = 0; file.bytes < bytesPerRun; step++) {
      const t = step / 10_000;
      for (let k = 0; k < tags.length; k++) file.write(scalarEvent(1.7e9 + step * 0.5, step, tags[k]!, Math.sin(t + k) - k * t));
      scalars += tags.length;
    }
    file.close();
    bytes += file.bytes;
  }
  return { bytes, scalars, dirs };
}
