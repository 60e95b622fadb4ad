import { afterEach, describe, expect, it } from "vitest";
import { eventStream, type EventSink } from "./event-stream";

const saved = process.env.PREFSCOPE_LIVE_BUFFER_BYTES;
afterEach(() => {
  if (saved === undefined) delete process.env.PREFSCOPE_LIVE_BUFFER_BYTES;
  else process.env.PREFSCOPE_LIVE_BUFFER_BYTES = saved;
});

describe("eventStream", () => {
  it("writes events as server-sent event frames, non-finite numbers spelled out", async () => {
    const abort = new AbortController();
    let sink: EventSink | undefined;
    const response = eventStream(abort.signal, async (s) => {
      sink = s;
      return () => {};
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe("retry: 1000\n\n");
    sink!.send({ name: "metrics", id: 7, data: { v: Number.NaN } });
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('id: 7\nevent: metrics\ndata: {"v":"NaN"}\n\n');
    abort.abort();
  });

  it("holds at most its buffer for a viewer that does not read, then tells it to reload", async () => {
    process.env.PREFSCOPE_LIVE_BUFFER_BYTES = "4096";
    const abort = new AbortController();
    let stopped = false;
    let sink: EventSink | undefined;
    const response = eventStream(abort.signal, async (s) => {
      sink = s;
      return () => void (stopped = true);
    });
    const reader = response.body!.getReader();
    await reader.read(); // the retry line: the stream has started and handed out its sink
    const payload = "x".repeat(500);
    // Nobody reads: 1,000 events of ~540 bytes would be ~540 kB; the stream keeps what fits in 4 kB.
    for (let i = 0; i < 1_000; i++) sink!.send({ name: "metrics", id: i, data: { payload } });
    let text = "";
    while (!text.includes("event: reset")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const delivered = text.split("event: metrics").length - 1;
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThanOrEqual(8);
    expect(text).toContain('event: reset\ndata: {"reason":"overflow"}');
    // After the reset, events flow again.
    sink!.send({ name: "metrics", id: 1_000, data: { payload: "after" } });
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('"after"');
    abort.abort();
    expect(stopped).toBe(true);
  });

  it("stops following when the viewer leaves", async () => {
    const abort = new AbortController();
    let stopped = false;
    const response = eventStream(abort.signal, async () => () => void (stopped = true));
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});
