import { randomUUID } from "node:crypto";
import path from "node:path";
import { setting } from "@/lib/core/config";
import { DEFAULT_SENDER_SETTINGS, Sender, type SenderSettings } from "./sender";
import { SpoolFile } from "./spool";
import { Heartbeat } from "./heartbeat";
import { normalizeUrl, Transport } from "./transport";
import { checkRunEdit } from "./edits";
import type { UpdateRunBody } from "@/lib/runs/contract";

export interface InitOptions {
  project: string;
  name: string;
  /** The client's UUID for the run; passing an existing one resumes it. */
  id?: string;
  url?: string;
  apiKey?: string;
  algorithm?: string;
  group?: string;
  config?: Record<string, unknown>;
  tags?: string[];
  /** "offline" writes everything to the spool for a later `sync`. */
  mode?: "online" | "offline";
  spoolDir?: string;
  settings?: Partial<SenderSettings>;
}

export interface SequenceColumns {
  pairIds: (string | number)[];
  logpChosen: number[];
  logpRejected: number[];
  refLogpChosen: number[];
  refLogpRejected: number[];
  lenChosen?: number[];
  lenRejected?: number[];
  logGradChosen?: number[];
  logGradRejected?: number[];
  split?: string;
}

/** A run being logged: calls return at once; delivery happens in the background (see `Sender`). */
export class PrefScopeRun {
  constructor(
    readonly id: string,
    private readonly sender: Sender,
    /** Null offline, or with `heartbeatIntervalMs: 0`. */
    readonly heartbeat: Heartbeat | null = null,
  ) {}

  log(values: Record<string, number>, step: number, time = Date.now() / 1000): void {
    this.sender.add("metrics", [{ step, values, time }]);
  }

  logSequences(step: number, c: SequenceColumns): void {
    const rows = c.pairIds.map((pairId, i) => ({
      step,
      pair_id: String(pairId),
      split: c.split ?? "train",
      logp_chosen: c.logpChosen[i],
      logp_rejected: c.logpRejected[i],
      ref_logp_chosen: c.refLogpChosen[i],
      ref_logp_rejected: c.refLogpRejected[i],
      ...(c.lenChosen ? { len_chosen: c.lenChosen[i] } : {}),
      ...(c.lenRejected ? { len_rejected: c.lenRejected[i] } : {}),
      ...(c.logGradChosen ? { log_grad_chosen: c.logGradChosen[i] } : {}),
      ...(c.logGradRejected ? { log_grad_rejected: c.logGradRejected[i] } : {}),
    }));
    this.sender.add("sequences", rows);
  }

  /**
   * Renames the run, sets its group (null: out of its group), notes or tags (replaced), status, config or summary
   * (merged). A bad name, group, notes or tags throws an `AppError` naming the field, and nothing is sent.
   */
  update(patch: UpdateRunBody): void {
    checkRunEdit(patch);
    this.sender.addRequest("patch", "PATCH", `/api/v1/runs/${this.id}`, patch);
  }

  flush(timeoutMs = 30_000): Promise<boolean> {
    return this.sender.flush(timeoutMs);
  }

  /** Marks the run finished and waits (up to the timeout) for the server to have everything; the rest is spooled. */
  finish(status: "finished" | "failed" = "finished", timeoutMs = 30_000): Promise<boolean> {
    this.heartbeat?.stop();
    this.update({ status });
    return this.sender.close(timeoutMs);
  }
}

export function resolveSpoolDir(dir?: string): string {
  return path.resolve(dir ?? setting("PREFSCOPE_SPOOL_DIR"));
}

export function init(options: InitOptions): PrefScopeRun {
  const id = options.id ?? randomUUID();
  const url = normalizeUrl(options.url ?? setting("PREFSCOPE_URL") ?? "http://127.0.0.1:3000");
  const apiKey = options.apiKey ?? setting("PREFSCOPE_API_KEY");
  const settings = { ...DEFAULT_SENDER_SETTINGS, ...options.settings };
  const transport = options.mode === "offline" ? null : new Transport(url, apiKey, settings.requestTimeoutMs);
  const body = {
    id,
    project: options.project,
    name: options.name,
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    ...(options.group ? { group: options.group } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
  };
  const sender = new Sender(id, body, transport, SpoolFile.forRun(resolveSpoolDir(options.spoolDir), id), settings);
  const heartbeat = transport && settings.heartbeatIntervalMs > 0 ? new Heartbeat(transport, id, settings.heartbeatIntervalMs, () => sender.isSpooling) : null;
  return new PrefScopeRun(id, sender, heartbeat);
}
