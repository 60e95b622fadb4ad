// The TypeScript sender's delivery rules, which are the Python sender's (docs/spool.md): retry in memory for the
// retry window, spool at once on a 4xx that is about the URL or key, drop only what a 410 or 422 refuses. A fake
// transport answers; fake timers stand in for the minutes a retry window takes.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SENDER_SETTINGS, Sender } from "./sender";
import { SpoolFile } from "./spool";
import type { HttpResult, Transport } from "./transport";

const RUN = "0d9a3c1e-5b7f-4e26-8a14-c3f2b6d9e071";

interface Call {
  method: string;
  path: string;
  body: { batch_id?: string; rows?: unknown[] };
}

/** Answers each request with `answer(call)`; the run's creation lands unless `answer` says otherwise. */
function fakeTransport(answer: (call: Call) => number) {
  const calls: Call[] = [];
  const transport = {
    baseUrl: "http://fake.test",
    request: async (method: string, apiPath: string, body?: unknown): Promise<HttpResult> => {
      const call = { method, path: apiPath, body: body as Call["body"] };
      calls.push(call);
      const status = answer(call);
      return status < 300 ? { status, data: {} } : { status, error: `HTTP ${status}` };
    },
  };
  return { transport: transport as unknown as Transport, calls };
}

const metricsCalls = (calls: Call[]) => calls.filter((c) => c.path.endsWith("/metrics"));
const spoolLines = (spool: SpoolFile) =>
  existsSync(spool.path)
    ? readFileSync(spool.path, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

describe("Sender", () => {
  let spool: SpoolFile;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    spool = SpoolFile.forRun(mkdtempSync(path.join(tmpdir(), "prefscope-sender-")), RUN);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const start = (transport: Transport) => new Sender(RUN, { id: RUN, project: "p", name: "n" }, transport, spool, DEFAULT_SENDER_SETTINGS);

  it("retries a transient failure in memory with the same batch id, and spools once the retry window has passed", async () => {
    const { transport, calls } = fakeTransport((c) => (c.path.endsWith("/metrics") ? 503 : 201));
    const sender = start(transport);
    sender.add("metrics", [{ step: 0, values: { loss: 1 } }]);
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.flushIntervalMs);
    expect(metricsCalls(calls)).toHaveLength(1);
    const firstFailure = Date.now();

    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.retryWindowMs - 1000);
    expect(metricsCalls(calls).length).toBeGreaterThan(2);
    expect(existsSync(spool.path)).toBe(false);

    // The first try after the window (backoff is at most retryCapMs) sends it to the spool file.
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.retryCapMs + 1000);
    // Request lines only: the drains since may have acknowledged the run's creation already.
    const lines = spoolLines(spool).filter((l) => "kind" in l);
    expect(lines.map((l) => l.kind)).toEqual(["run", "metrics"]);
    expect(lines[0]).toMatchObject({ url: "http://fake.test", body: { id: RUN } });
    const spooledAt = metricsCalls(calls).length;
    expect(new Set(metricsCalls(calls).map((c) => c.body.batch_id))).toEqual(new Set([lines[1]!.id]));
    expect(firstFailure + DEFAULT_SENDER_SETTINGS.retryWindowMs).toBeLessThanOrEqual(Date.now());

    // It keeps draining the file in the background; once the server takes it, the file is gone.
    calls.length = 0;
    const { transport: healed } = fakeTransport(() => 200);
    Object.assign(transport, { request: healed.request.bind(healed) });
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.retryCapMs + 1000);
    expect(existsSync(spool.path)).toBe(false);
    expect(spooledAt).toBeGreaterThan(2);
  });

  it.each([401, 403, 404, 400, 409, 415])("spools at once on a %i (about the URL, key or a proxy, not the data)", async (status) => {
    const { transport, calls } = fakeTransport((c) => (c.path.endsWith("/metrics") ? status : 201));
    const sender = start(transport);
    sender.add("metrics", [{ step: 0, values: { loss: 1 } }]);
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.flushIntervalMs);
    expect(metricsCalls(calls)).toHaveLength(1);
    // The run's creation had landed: the file starts with a fresh one, so that it uploads on its own.
    expect(spoolLines(spool).map((l) => l.kind)).toEqual(["run", "metrics"]);
    expect(spool.pending().map((r) => r.kind)).toEqual(["run", "metrics"]);
    // Rows logged from now on follow it there, in order.
    sender.add("metrics", [{ step: 1, values: { loss: 1 } }]);
    await sender.close(0);
    expect(spool.pending().map((r) => r.kind)).toEqual(["run", "metrics", "metrics"]);
  });

  it.each([422, 410])("drops a batch refused with a %i and goes on", async (status) => {
    const { transport, calls } = fakeTransport((c) => (c.body.batch_id && metricsCalls(calls).length === 1 ? status : 200));
    const sender = start(transport);
    sender.add("metrics", [{ step: 0, values: { loss: 1 } }]);
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.flushIntervalMs);
    sender.add("metrics", [{ step: 1, values: { loss: 1 } }]);
    const closing = sender.close(10_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await closing).toBe(true);
    expect(metricsCalls(calls)).toHaveLength(2);
    expect(existsSync(spool.path)).toBe(false);
  });

  it("records the halves of a batch split after a 413 when it spools, so they are never sent whole again", async () => {
    const { transport, calls } = fakeTransport((c) => {
      if (!c.body.batch_id) return 201;
      if (!c.body.batch_id.includes(".")) return 413;
      return c.body.batch_id.endsWith(".1") ? 200 : 401;
    });
    const sender = start(transport);
    sender.add(
      "metrics",
      [0, 1, 2, 3].map((step) => ({ step, values: { loss: 1 } })),
    );
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.flushIntervalMs);
    const whole = metricsCalls(calls)[0]!.body.batch_id!;
    expect(metricsCalls(calls).map((c) => c.body.batch_id)).toEqual([whole, `${whole}.1`, `${whole}.2`]);
    expect(spoolLines(spool)).toContainEqual({ split: whole });
    const [, batch] = spool.pending();
    expect(batch!.parts?.map((p) => p.id)).toEqual([`${whole}.1`, `${whole}.2`]);
    await sender.close(0);
  });

  it("keeps requests spooled while a drain of the file is on its way", async () => {
    let heal = false;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { transport, calls } = fakeTransport((c) => (heal || !c.path.endsWith("/metrics") ? 200 : 401));
    const plain = transport.request.bind(transport);
    Object.assign(transport, {
      request: async (method: string, apiPath: string, body?: unknown) => {
        if (heal && calls.length === 2) await gate; // the drain's first request waits for the test
        return plain(method, apiPath, body);
      },
    });
    const sender = start(transport);
    sender.add("metrics", [{ step: 0, values: { loss: 1 } }]);
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.flushIntervalMs);
    expect(spool.pending().map((r) => r.kind)).toEqual(["run", "metrics"]);

    heal = true;
    await vi.advanceTimersByTimeAsync(DEFAULT_SENDER_SETTINGS.retryBaseMs);
    sender.addRequest("patch", "PATCH", `/api/v1/runs/${RUN}`, { status: "finished" });
    release();
    const closing = sender.close(10_000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await closing).toBe(true);
    expect(calls.map((c) => c.method)).toContain("PATCH");
    expect(existsSync(spool.path)).toBe(false);
  });

  it("offline, writes everything to the spool file at once, non-finite values as the API's strings", async () => {
    const sender = new Sender(RUN, { id: RUN, project: "p", name: "n" }, null, spool, DEFAULT_SENDER_SETTINGS);
    sender.add("metrics", [{ step: 0, values: { loss: Number.NaN, grad: Number.POSITIVE_INFINITY } }]);
    expect(await sender.close(30_000)).toBe(false); // no waiting for a server there is none of
    const [run, metrics] = spoolLines(spool);
    expect(run).toMatchObject({ kind: "run" });
    expect(run).not.toHaveProperty("url");
    expect(metrics).toMatchObject({ body: { rows: [{ values: { loss: "NaN", grad: "Infinity" } }] } });
  });

  it("has the Python client's defaults", () => {
    const python = readFileSync(path.resolve(import.meta.dirname, "../../clients/python/prefscope/settings.py"), "utf8");
    const value = (name: string) => Number(new RegExp(`^\\s+${name}: \\w+ = ([\\d_.]+)$`, "m").exec(python)![1]!.replaceAll("_", ""));
    expect(DEFAULT_SENDER_SETTINGS).toEqual({
      maxMetricRows: value("max_metric_rows"),
      maxSequenceRows: value("max_sequence_rows"),
      flushIntervalMs: value("flush_interval") * 1000,
      maxPendingRows: value("max_pending_rows"),
      requestTimeoutMs: value("request_timeout") * 1000,
      retryWindowMs: value("retry_window") * 1000,
      retryBaseMs: value("backoff_base") * 1000,
      retryCapMs: value("backoff_cap") * 1000,
      heartbeatIntervalMs: value("heartbeat_interval") * 1000,
    });
  });
});
