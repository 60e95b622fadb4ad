import "server-only";
import { getDb } from "@/lib/core/db";
import { newestChangeId } from "./change-rows";
import { eventStream } from "./event-stream";
import { liveHub, replayFor, type Interest } from "./hub";
import type { LiveEvent } from "./live-events";

/** Where a viewer resumes: the id of the last event it saw (`Last-Event-ID`, sent on reconnect), else `since`. */
export function resumePoint(request: Request, since: number | undefined): number | undefined {
  const last = request.headers.get("last-event-id");
  const id = last === null ? NaN : Number(last);
  return Number.isSafeInteger(id) && id >= 0 ? id : since;
}

/**
 * A live stream for one viewer: it joins this instance's feed first (holding what arrives), then replays what it
 * missed since `resumeAt`, then passes on what was held and everything after. An event may come twice (replay and
 * feed overlap); viewers merge points by step, so that changes nothing. Without a resume point it starts now.
 */
export function followChanges(request: Request, interest: Interest, resumeAt: number | undefined): Response {
  return eventStream(request.signal, async (sink) => {
    const db = await getDb();
    let held: LiveEvent[] | null = [];
    const stop = await liveHub().add({ interest, deliver: (event) => (held ? held.push(event) : sink.send(event)) });
    sink.send({ name: "ready", data: { change: await newestChangeId(db) } });
    if (resumeAt !== undefined) {
      const missed = await replayFor(db, interest, resumeAt);
      if (missed === null) sink.send({ name: "reset", data: { reason: "expired" } });
      else for (const event of missed) sink.send(event);
    }
    for (const event of held) sink.send(event);
    held = null;
    return stop;
  });
}
