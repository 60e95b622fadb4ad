/** A server-sent event as the tests read it: JSON `data`, parsed. */
export type StreamEvent = { id: string | null; event: string; data: any };

/**
 * Reads a server-sent event stream with fetch, as EventSource would (without its reconnects: a test reconnects
 * when it means to, passing the last id it saw). `next` waits for an event matching a predicate, never for time.
 */
export class EventStreamClient {
  readonly events: StreamEvent[] = [];
  lastId: string | null = null;
  private readonly controller = new AbortController();
  private waiters: { match: (e: StreamEvent) => boolean; from: number; resolve: (e: StreamEvent) => void; reject: (e: Error) => void }[] = [];
  private ended: Error | null = null;
  status = 0;

  private constructor() {}

  static async open(url: string, { lastEventId, headers = {} }: { lastEventId?: string | null; headers?: Record<string, string> } = {}): Promise<EventStreamClient> {
    const client = new EventStreamClient();
    const response = await fetch(url, {
      headers: { accept: "text/event-stream", ...headers, ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      signal: client.controller.signal,
    });
    client.status = response.status;
    if (!response.ok || !response.body) {
      client.ended = new Error(`stream answered ${response.status}: ${await response.text()}`);
      return client;
    }
    void client.read(response.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      this.finish(new Error("stream ended"));
    } catch (error) {
      this.finish(error as Error);
    }
  }

  private take(block: string) {
    let id: string | null = null;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const at = line.indexOf(":");
      const field = at < 0 ? line : line.slice(0, at);
      const value = at < 0 ? "" : line.slice(at + 1).replace(/^ /, "");
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length === 0) return;
    if (id !== null) this.lastId = id;
    const parsed: StreamEvent = { id, event, data: JSON.parse(data.join("\n")) };
    this.events.push(parsed);
    const index = this.events.length - 1;
    this.waiters = this.waiters.filter((w) => {
      if (index >= w.from && w.match(parsed)) {
        w.resolve(parsed);
        return false;
      }
      return true;
    });
  }

  private finish(error: Error) {
    this.ended ??= error;
    for (const w of this.waiters) w.reject(this.ended);
    this.waiters = [];
  }

  /** The first event from index `from` on (default: any received so far or later) that matches. */
  next(match: (e: StreamEvent) => boolean, from = 0): Promise<StreamEvent> {
    const found = this.events.slice(from).find(match);
    if (found) return Promise.resolve(found);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiters.push({ match, from, resolve, reject }));
  }

  close() {
    this.controller.abort();
  }
}

/** Every point a stream's `metrics` events carried for one run and key, merged by step (as the dashboard does). */
export function pointsOf(events: StreamEvent[], run: string, key: string): Map<number, unknown> {
  const points = new Map<number, unknown>();
  for (const e of events) {
    if (e.event !== "metrics" || e.data.run !== run) continue;
    for (const s of e.data.series) if (s.key === key) for (const p of s.points) points.set(p.step, p.value);
  }
  return points;
}
