import "server-only";
import { setting } from "@/lib/core/config";
import { jsonText } from "@/lib/core/http/json";
import type { LiveEvent } from "./live-events";

const encoder = new TextEncoder();

function frame(event: LiveEvent): Uint8Array {
  const id = event.id === undefined ? "" : `id: ${event.id}\n`;
  return encoder.encode(`${id}event: ${event.name}\ndata: ${jsonText(event.data)}\n\n`);
}

export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: Next.js's gzip would otherwise hold events back until its buffer fills.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

/**
 * Streams still open, ended when the process is asked to stop: Next.js's shutdown waits for every request to finish,
 * and a live stream never would (the server would hang on SIGTERM for as long as a tab stays open). Viewers then
 * reconnect, to this server when it is back or to another instance, and resume.
 */
const holder = globalThis as typeof globalThis & { __prefscopeOpenStreams?: Set<() => void> };
function openStreams(): Set<() => void> {
  if (!holder.__prefscopeOpenStreams) {
    const streams = (holder.__prefscopeOpenStreams = new Set());
    const endAll = () => {
      for (const end of [...streams]) end();
    };
    process.on("SIGTERM", endAll);
    process.on("SIGINT", endAll);
  }
  return holder.__prefscopeOpenStreams;
}

export type EventSink = {
  /** Queues an event; past the stream's buffer it is dropped and the viewer is told to reload instead. */
  send(event: LiveEvent): void;
};

/**
 * A server-sent event stream that never holds more than PREFSCOPE_LIVE_BUFFER_BYTES for a viewer that reads
 * slowly (or not at all): when an event does not fit, it and every later one are dropped until the viewer has read
 * what is queued, then it gets one `reset` and reads its page again. `start` subscribes and returns how to stop;
 * it runs when the stream opens, and the stop runs when the viewer leaves (or the request is aborted).
 */
export function eventStream(signal: AbortSignal, start: (sink: EventSink) => Promise<() => void>): Response {
  let stop: (() => void) | null = null;
  let ping: NodeJS.Timeout | null = null;
  let closed = false;
  let overflowed = false;
  let end: () => void = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    openStreams().delete(end);
    if (ping) clearInterval(ping);
    stop?.();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        const room = (bytes: number) => (controller.desiredSize ?? 0) >= bytes;
        const sink: EventSink = {
          send(event) {
            if (closed) return;
            const bytes = frame(event);
            if (overflowed || !room(bytes.byteLength)) {
              overflowed = true;
              return;
            }
            controller.enqueue(bytes);
          },
        };
        // Reconnect after a second when the connection drops (EventSource's own default is ~3 s).
        controller.enqueue(encoder.encode("retry: 1000\n\n"));
        ping = setInterval(
          () => {
            if (!closed && room(16)) controller.enqueue(encoder.encode(": ping\n\n"));
          },
          setting("PREFSCOPE_LIVE_PING_S") * 1000,
        );
        ping.unref?.();
        end = () => {
          close();
          try {
            controller.close();
          } catch {
            // Already closed or errored: nothing to do.
          }
        };
        signal.addEventListener("abort", end);
        openStreams().add(end);
        try {
          stop = await start(sink);
          if (closed) stop();
        } catch (error) {
          close();
          controller.error(error);
        }
      },
      pull(controller) {
        // The viewer has read what was queued: tell it that it missed events, once.
        if (overflowed && !closed) {
          overflowed = false;
          controller.enqueue(frame({ name: "reset", data: { reason: "overflow" } }));
        }
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: setting("PREFSCOPE_LIVE_BUFFER_BYTES"), size: (chunk) => chunk.byteLength },
  );
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
