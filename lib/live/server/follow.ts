import "server-only";
import { getDb } from "@/lib/core/db";
import { createTrailingThrottle } from "@/lib/core/view/trailing-throttle";
import { newestChangeId } from "./change-rows";
import { eventStream } from "./event-stream";
import { liveHub, replayFor, type Interest } from "./hub";
import { joinedRowsEvent, type LiveEvent } from "./live-events";

/** Where a viewer resumes: the id of the last event it saw (`Last-Event-ID`, sent on reconnect), else `since`. */
export function resumePoint(request: Request, since: number | undefined): number | undefined {
  const last = request.headers.get("last-event-id");
  const id = last === null ? NaN : Number(last);
  return Number.isSafeInteger(id) && id >= 0 ? id : since;
}

/**
 * A view whose runs a filter chooses (a shared tables, sweeps or DPO-vs-RM report): another run of its project can
 * join it. `runIds` reads the set again, as the view's loader would choose it.
 */
export type Membership = { projectId: number; runIds(): Promise<string[]> };

/** How often at most a stream reads its view's run set again, however busy the rest of the project is. */
const RECHECK_MS = 5_000;

/**
 * A live stream for one viewer: it joins this instance's feed first (holding what arrives), then replays what it
 * missed since `resumeAt`, then passes on what was held and everything after. An event may come twice (replay and
 * feed overlap); viewers merge points by step, so that changes nothing. Without a resume point it starts now.
 * With `membership`, a change of a run outside the followed rows makes it check (throttled) whether the run joined
 * the view: a run that did is followed from then on and its row sent, so the page draws it; others stay unsent.
 */
export function followChanges(request: Request, interest: Interest, resumeAt: number | undefined, membership?: Membership): Response {
  return eventStream(request.signal, async (sink) => {
    const db = await getDb();
    let held: LiveEvent[] | null = [];
    const deliver = (event: LiveEvent) => (held ? held.push(event) : sink.send(event));
    const rows = new Set(interest.rows ?? []);
    const recheck = createTrailingThrottle(() => {
      void membership
        ?.runIds()
        .then(async (ids) => {
          const joined = ids.filter((id) => !rows.has(id));
          for (const id of joined) rows.add(id);
          const event = joined.length ? await joinedRowsEvent(db, joined) : null;
          if (event) deliver(event);
        })
        .catch((error: unknown) => console.error("[prefscope] live: checking a shared view's runs failed", error));
    }, RECHECK_MS);
    const watch = membership && { projectId: membership.projectId, outside: () => recheck.call() };
    const stop = await liveHub().add({ interest: { ...interest, rows, watch }, deliver });
    sink.send({ name: "ready", data: { change: await newestChangeId(db) } });
    if (resumeAt !== undefined) {
      const missed = await replayFor(db, interest, resumeAt);
      if (missed === null) sink.send({ name: "reset", data: { reason: "expired" } });
      else for (const event of missed) sink.send(event);
    }
    for (const event of held) sink.send(event);
    held = null;
    return () => {
      recheck.cancel();
      stop();
    };
  });
}
