import "server-only";
import { getDatabase, type Db } from "@/lib/core/db";
import { readChanges, readChangesSince, type ChangeRow } from "./change-rows";
import { eventsForRun, type LiveEvent } from "./live-events";
import { LIVE_CHANNEL } from "./record-change";

/**
 * Who a viewer follows: every run row of a project (`projectId`; null: none), the rows of some runs only (`rows`,
 * a shared runs report), and some runs' points, flags and diagnostics (`runs`).
 */
export type Interest = { projectId: number | null; runs: ReadonlySet<string>; rows?: ReadonlySet<string>; watch?: ProjectWatch };

/**
 * Changes of a project's runs that a viewer does not follow, told to the server side of its stream only: nothing is
 * read or sent for them. A drawn view whose filter may take in another run checks its run set again on them.
 */
export type ProjectWatch = { projectId: number; outside(runId: string): void };

const wantsRow = (interest: Interest, projectId: number, runId: string) => interest.projectId === projectId || (interest.rows?.has(runId) ?? false);

export interface LiveViewer {
  interest: Interest;
  deliver(event: LiveEvent): void;
}

type Pending = { ids: number[]; timer: NodeJS.Timeout | null };

/** Bursts of notifications for one run within this long are read together (one query for all of them). */
const COALESCE_MS = 25;

/**
 * This instance's change feed. One LISTEN for the whole process; each notification names a change row, and the
 * changes of a run are read once (points, flags, its row) and handed to every viewer that follows the run or its
 * project — what a write costs the database does not grow with the number of viewers. A viewer on another instance
 * hears the same notification from Postgres.
 */
class LiveHub {
  private readonly viewers = new Set<LiveViewer>();
  private readonly pending = new Map<string, Pending>();
  private readonly turns = new Map<string, Promise<void>>();
  private started: Promise<void> | null = null;
  private listening = false;
  /** Newest change id this instance was told of: where a catch-up after a lost LISTEN connection starts. */
  private newest = 0;

  /** Follows changes from now on; the returned function stops. */
  async add(viewer: LiveViewer): Promise<() => void> {
    await this.start();
    this.viewers.add(viewer);
    return () => this.viewers.delete(viewer);
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  private start(): Promise<void> {
    this.started ??= getDatabase()
      .then((database) =>
        database.listen(
          LIVE_CHANNEL,
          (payload) => this.notified(payload),
          () => this.listened(),
        ),
      )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.started = null;
        throw error;
      });
    return this.started;
  }

  /** After a reconnect (postgres.js listens again), what was committed while the connection was down is read back. */
  private listened(): void {
    if (!this.listening) {
      this.listening = true;
      return;
    }
    void this.catchUp().catch((error: unknown) => console.error("[prefscope] live: catching up after a reconnect failed", error));
  }

  private async catchUp(): Promise<void> {
    const db = (await getDatabase()).db;
    const projects = new Set<number>();
    const runs = new Set<string>();
    for (const v of this.viewers) {
      if (v.interest.projectId !== null) projects.add(v.interest.projectId);
      for (const r of [...v.interest.runs, ...(v.interest.rows ?? [])]) runs.add(r);
    }
    for (const projectId of projects) for (const c of (await readChangesSince(db, { since: this.newest, projectId, runIds: [] })) ?? []) this.queue(c);
    for (const c of (await readChangesSince(db, { since: this.newest, projectId: null, runIds: [...runs] })) ?? []) this.queue(c);
  }

  private notified(payload: string): void {
    const [id, projectId, runId, kind] = payload.split(":");
    if (!id || !projectId || !runId || !kind) return;
    this.queue({ id: Number(id), projectId: Number(projectId), runId, kind } as ChangeRow);
  }

  private queue(change: Pick<ChangeRow, "id" | "projectId" | "runId">): void {
    this.newest = Math.max(this.newest, change.id);
    this.tellWatchers(change.projectId, change.runId);
    if (!this.follows(change.projectId, change.runId)) return;
    const pending = this.pending.get(change.runId) ?? { ids: [], timer: null };
    if (!pending.ids.includes(change.id)) pending.ids.push(change.id);
    this.pending.set(change.runId, pending);
    pending.timer ??= setTimeout(() => this.flush(change.runId), COALESCE_MS);
  }

  private tellWatchers(projectId: number, runId: string): void {
    for (const { interest } of this.viewers) {
      const followed = interest.runs.has(runId) || wantsRow(interest, projectId, runId);
      if (interest.watch?.projectId === projectId && !followed) interest.watch.outside(runId);
    }
  }

  private follows(projectId: number, runId: string): boolean {
    for (const v of this.viewers) if (wantsRow(v.interest, projectId, runId) || v.interest.runs.has(runId)) return true;
    return false;
  }

  /** One run's changes at a time, in order; the next burst waits for this one's reads. */
  private flush(runId: string): void {
    const pending = this.pending.get(runId);
    this.pending.delete(runId);
    if (!pending) return;
    const previous = this.turns.get(runId) ?? Promise.resolve();
    const next = previous
      .then(async () => this.publish(runId, await readChanges((await getDatabase()).db, pending.ids)))
      .catch((error: unknown) => console.error(`[prefscope] live: reading the changes of run ${runId} failed`, error))
      .finally(() => {
        if (this.turns.get(runId) === next) this.turns.delete(runId);
      });
    this.turns.set(runId, next);
  }

  private async publish(runId: string, changes: ChangeRow[]): Promise<void> {
    if (changes.length === 0) return;
    const projectId = changes[0]!.projectId;
    const runViewers = [...this.viewers].filter((v) => v.interest.runs.has(runId));
    const rowViewers = [...this.viewers].filter((v) => wantsRow(v.interest, projectId, runId));
    const db: Db = (await getDatabase()).db;
    const events = await eventsForRun(db, runId, changes, { points: runViewers.length > 0, row: rowViewers.length > 0 });
    for (const v of runViewers) for (const e of events.run) v.deliver(e);
    for (const v of rowViewers) for (const e of events.row) v.deliver(e);
  }
}

const holder = globalThis as typeof globalThis & { __prefscopeLiveHub?: LiveHub };

/** The process's one hub, shared by every route bundle. */
export function liveHub(): LiveHub {
  return (holder.__prefscopeLiveHub ??= new LiveHub());
}

/**
 * What a viewer missed since `since` (its page's read, or the last event before a reconnect), read for it alone.
 * Null when that cannot be told (pruned, or too far behind): the viewer reads its page again.
 */
export async function replayFor(db: Db, interest: Interest, since: number): Promise<LiveEvent[] | null> {
  const changes = await readChangesSince(db, { since, projectId: interest.projectId, runIds: [...interest.runs, ...(interest.rows ?? [])] });
  if (changes === null) return null;
  const byRun = new Map<string, ChangeRow[]>();
  for (const c of changes) byRun.set(c.runId, [...(byRun.get(c.runId) ?? []), c]);
  const out: LiveEvent[] = [];
  for (const [runId, runChanges] of byRun) {
    const wanted = { points: interest.runs.has(runId), row: wantsRow(interest, runChanges[0]!.projectId, runId) };
    const events = await eventsForRun(db, runId, runChanges, wanted);
    out.push(...events.run, ...events.row);
  }
  return out;
}
