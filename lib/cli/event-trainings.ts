import { closeSync, openSync, readSync } from "node:fs";
import { TensorboardDecoder } from "../importers";

const READ = 64 * 1024;
/** Far enough for any header (HF's arguments text comes before the first scalar) without reading a whole big file. */
const HEAD_LIMIT = 8 * 1024 * 1024;

/** The step of the first scalar an event file logs, reading only as far as that; `undefined` while it logs none. */
export function firstLoggedStep(file: string): number | undefined {
  const decoder = new TensorboardDecoder();
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined; // removed while we looked
  }
  try {
    for (let at = 0; at < HEAD_LIMIT;) {
      // A fresh buffer each read: the decoder may hold on to a record cut at the chunk's end.
      const chunk = Buffer.alloc(READ);
      const read = readSync(fd, chunk, 0, READ, at);
      if (read === 0) break;
      at += read;
      const rows = decoder.push(chunk.subarray(0, read)).rows;
      if (rows.length > 0) return rows[0]!.step;
    }
    return decoder.settle()[0]?.step;
  } finally {
    closeSync(fd);
  }
}

/**
 * A log dir's event files (oldest first) as trainings. A file that starts no later than the file before it is not a
 * resumption (that starts from a checkpoint, further on) but another training written into the same dir: it and
 * the files after it are a training of their own. A file that logs no step yet joins the training before it
 * (`join`, for files read whole) or waits until it does (`wait`, for files still being written: its first step
 * decides where it belongs); the dir's first file always starts the first training.
 */
export function splitTrainings(files: readonly string[], firstStep: (file: string) => number | undefined, unknown: "join" | "wait"): string[][] {
  const trainings: string[][] = [];
  let previous: number | undefined;
  for (const file of files) {
    const step = firstStep(file);
    if (trainings.length === 0) trainings.push([file]);
    else if (step === undefined && unknown === "wait") continue;
    else if (step !== undefined && previous !== undefined && step <= previous) trainings.push([file]);
    else trainings.at(-1)!.push(file);
    if (step !== undefined) previous = step;
  }
  return trainings;
}

/** The n-th training's run name (from 0): the dir's name, then `<dir> (2)`, `<dir> (3)`, … */
export const trainingName = (name: string, index: number) => (index === 0 ? name : `${name} (${index + 1})`);
