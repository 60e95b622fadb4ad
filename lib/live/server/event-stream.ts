import "server-only";
import { setting } from "@/lib/core/config";
import { stringifyKeepingNonFinite } from "@/lib/core/http/json";
import type { LiveEvent } from "./live-events";

const encoder = new TextEncoder();

function frame(event: LiveEvent): Uint8Array {
  const id = event.id === undefined ? "" : `id: ${event.id}\n`;
  return encoder.encode(`${id}event: ${event.name}\ndata: ${stringifyKeepingNonFinite(event.data)}\n\n`);
}

export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: Next.js's gzip would otherwise hold events back until its buffer fills.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

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
  const close = () => {
    if (closed) return;
    closed = true;
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
        ping = setInterval(() => {
          if (!closed && room(16)) controller.enqueue(encoder.encode(": ping\n\n"));
        }, setting("PREFSCOPE_LIVE_PING_S") * 1000);
        ping.unref?.();
        signal.addEventListener("abort", () => {
          close();
          try {
            controller.close();
          } catch {
            // Already closed or errored: nothing to do.
          }
        });
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
