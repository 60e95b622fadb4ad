import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";

/**
 * PGlite is one process per data folder. Whoever opens it (the server or the CLI) first creates this file
 * atomically; the server also writes where it listens and a token, so the CLI can go through it instead.
 */
export interface EmbeddedLock {
  pid: number;
  role: "server" | "cli";
  url?: string;
  token?: string;
}

export function lockPath(dataDir: string): string {
  return `${dataDir}.lock.json`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live holder of the data folder, or null (a lock left by a dead process counts as none). */
export function readEmbeddedLock(dataDir: string): EmbeddedLock | null {
  try {
    const lock = JSON.parse(readFileSync(lockPath(dataDir), "utf8")) as EmbeddedLock;
    return lock.pid !== process.pid && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Takes the lock or returns the live holder; a stale lock is replaced. */
export function acquireEmbeddedLock(dataDir: string, lock: Omit<EmbeddedLock, "pid">): { release: () => void } | { heldBy: EmbeddedLock } {
  const file = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify({ ...lock, pid: process.pid }));
      closeSync(fd);
      const release = () => rmSync(file, { force: true });
      process.once("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readEmbeddedLock(dataDir);
      if (holder) return { heldBy: holder };
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}
