import type { ImportProblem } from "./types";

/**
 * One problem as people read it, with where it sits: `run.log line 12: …`, `events.out… record 3 (byte 1024): …`.
 * Used by the CLI, the upload box and refusals, so a problem reads the same wherever it shows.
 */
export function describeProblem(problem: ImportProblem): string {
  const where: string[] = [];
  if (problem.line !== undefined) where.push(`line ${problem.line}`);
  if (problem.record !== undefined) where.push(`record ${problem.record}`);
  if (problem.offset !== undefined) where.push(problem.line === undefined && problem.record === undefined ? `offset ${problem.offset}` : `(offset ${problem.offset})`);
  const place = [problem.file, where.join(" ")].filter(Boolean).join(" ");
  return place ? `${place}: ${problem.message}` : problem.message;
}

/** The signature of a Git LFS pointer: a small text file standing where the real one was never pulled. */
const LFS_POINTER = new TextEncoder().encode("version https://git-lfs.github.com/spec/");

export function isLfsPointer(head: Uint8Array): boolean {
  return head.length >= LFS_POINTER.length && LFS_POINTER.every((byte, i) => head[i] === byte);
}

export const LFS_POINTER_MESSAGE = "a Git LFS pointer, not the file itself: run `git lfs pull` and import again";
