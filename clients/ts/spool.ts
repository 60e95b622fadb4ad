import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { splitAgain, splitIds, type ClientRequest } from "./delivery";
import { encodeJson } from "./transport";

export const SPOOL_SUFFIX = ".jsonl";

/** A request as spooled: the create-run line also says which server the run was meant for. */
type SpooledRequest = ClientRequest & { url?: string };

function isRequest(e: Record<string, unknown>): boolean {
  const { id, kind, method, path: apiPath, body } = e;
  return [id, kind, method, apiPath].every((v) => typeof v === "string") && body !== null && typeof body === "object";
}

/**
 * One JSONL file per run, `<run id>.jsonl`: the requests not yet delivered, in order; `{"ack": id}` once the
 * server took one (or refused it for good, with `rejected`); `{"split": id}` once it refused a batch as too large,
 * which is sent in halves from then on. The first request always creates (or resumes) the run, so a file uploads
 * on its own to any server. The Python client writes and reads the same lines: docs/spool.md.
 */
export class SpoolFile {
  /** Whether a line cut short by an earlier crash was ended before this object's first append. */
  private tailChecked = false;

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

  private write(entry: object): void {
    mkdirSync(path.dirname(this.path), { recursive: true });
    // A torn last line would swallow the next one into a line no reader can parse: end it first.
    const lead = this.tailChecked || !this.endsTorn() ? "" : "\n";
    this.tailChecked = true;
    appendFileSync(this.path, `${lead}${encodeJson(entry)}\n`);
  }

  private endsTorn(): boolean {
    if (!existsSync(this.path)) return false;
    const fd = openSync(this.path, "r");
    try {
      const size = fstatSync(fd).size;
      if (size === 0) return false;
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      return last[0] !== 0x0a;
    } finally {
      closeSync(fd);
    }
  }

  append(request: ClientRequest, url?: string): void {
    const { id, kind, method, path: apiPath, body } = request;
    this.write({ id, kind, method, path: apiPath, body, ...(url ? { url } : {}) });
  }

  ack(id: string, rejected?: string): void {
    this.write(rejected ? { ack: id, rejected } : { ack: id });
  }

  /** Records the request's splits, so that whoever sends it next sends the same halves. */
  noteSplits(request: ClientRequest): void {
    for (const id of splitIds(request)) this.write({ split: id });
  }

  /** Every line that is a JSON object; a line cut short by a crash mid-write is skipped (all before it is intact). */
  private entries(): Record<string, unknown>[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .flatMap((line) => {
        try {
          const entry: unknown = JSON.parse(line);
          return entry !== null && typeof entry === "object" && !Array.isArray(entry) ? [entry as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
  }

  /** The requests not acknowledged yet, in the order they were written, split where the file says so. */
  pending(): SpooledRequest[] {
    const entries = this.entries();
    const acked = new Set<string>();
    const split = new Set<string>();
    for (const e of entries) {
      if (typeof e.ack === "string") acked.add(e.ack);
      else if (typeof e.split === "string") split.add(e.split);
    }
    // Lines of a kind this version does not know (neither request, ack nor split) are skipped, as in Python.
    return entries.filter((e): e is SpooledRequest & Record<string, unknown> => isRequest(e) && !acked.has(e.id as string)).map((e) => splitAgain(e, split));
  }

  /** The URL the run was logged against, which the file's first line (creating the run) records. */
  url(): string | undefined {
    const url = this.entries()[0]?.url;
    return typeof url === "string" ? url : undefined;
  }

  hasPending(): boolean {
    return this.pending().length > 0;
  }

  remove(): void {
    rmSync(this.path, { force: true });
    this.tailChecked = false;
  }
}
