import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { ClientRequest } from "./delivery";

export const SPOOL_SUFFIX = ".jsonl";

type Entry = (ClientRequest & { url?: string }) | { ack: string; rejected?: string };

/**
 * One JSONL file per run: the requests not yet delivered, in order, and an `{ack}` line once the server took
 * one. The first request always creates (or resumes) the run, so a file uploads on its own to any server.
 * The Python client writes the same format.
 */
export class SpoolFile {
  constructor(readonly path: string) {}

  static forRun(directory: string, runId: string): SpoolFile {
    return new SpoolFile(path.join(directory, `${runId}${SPOOL_SUFFIX}`));
  }

  static inDirectory(directory: string): SpoolFile[] {
    if (!existsSync(directory)) return [];
    return readdirSync(directory)
      .filter((f) => f.endsWith(SPOOL_SUFFIX))
      .sort()
      .map((f) => new SpoolFile(path.join(directory, f)));
  }

  private write(entry: Entry): void {
    mkdirSync(path.dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }

  append(request: ClientRequest, url?: string): void {
    this.write(url ? { ...request, url } : request);
  }

  ack(id: string, rejected?: string): void {
    this.write(rejected ? { ack: id, rejected } : { ack: id });
  }

  private entries(): Entry[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Entry];
        } catch {
          return []; // a line cut short by a crash mid-write: everything before it is intact
        }
      });
  }

  pending(): (ClientRequest & { url?: string })[] {
    const entries = this.entries();
    const acked = new Set(entries.flatMap((e) => ("ack" in e ? [e.ack] : [])));
    return entries.filter((e): e is ClientRequest & { url?: string } => !("ack" in e) && !acked.has(e.id));
  }

  hasPending(): boolean {
    return this.pending().length > 0;
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
