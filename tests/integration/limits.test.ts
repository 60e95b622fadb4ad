// Configurable limits, on an app of the test's own started with small ones: past the burst a key gets 429 with
// Retry-After, and the TypeScript client, which waits as told, still delivers every row; a batch over the row cap
// gets 413 naming `rows`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { init } from "@/clients/ts";
import { startApp, type AppServer } from "../support/app-server";

const databaseUrl = inject("databaseUrl");
const RPS = 5;
const BURST = 5;
const MAX_ROWS = 10;
/** One token per 1000 s: within a test the bucket cannot refill, so what it grants is exactly the burst. */
const NO_REFILL_RPS = 0.001;

async function startLimited(rps: number): Promise<{ app: AppServer; key: string }> {
  const limits = { PREFSCOPE_RATE_LIMIT_RPS: String(rps), PREFSCOPE_RATE_LIMIT_BURST: String(BURST), PREFSCOPE_MAX_ROWS_PER_BATCH: String(MAX_ROWS) };
  const app = await startApp({ env: { ...limits, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
  const created = await fetch(`${app.url}/api/v1/projects/rate-limited/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: "{}",
  });
  return { app, key: ((await created.json()) as { key: string }).key };
}

describe("limits", () => {
  let app: AppServer;
  let key: string;
  let slow: { app: AppServer; key: string };

  beforeAll(async () => {
    ({ app, key } = await startLimited(RPS));
    slow = await startLimited(NO_REFILL_RPS);
  }, 240_000); // two apps to start, each up to 60 s on a busy machine

  afterAll(async () => {
    await app?.stop();
    await slow?.app.stop();
  });

  it("answers 429 rate_limited with Retry-After in whole seconds once the burst is spent", async () => {
    const list = (withKey: boolean) => fetch(`${slow.app.url}/api/v1/runs?project=rate-limited`, withKey ? { headers: { authorization: `Bearer ${slow.key}` } } : {});
    const responses = await Promise.all(Array.from({ length: BURST * 3 }, () => list(true)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length, `statuses: ${statuses}`).toBe(BURST);
    expect(statuses.filter((s) => s === 429).length, `statuses: ${statuses}`).toBe(BURST * 2);
    for (const response of responses.filter((r) => r.status === 429)) {
      // A whole token at 0.001 per second is up to 1000 s away.
      const retryAfter = response.headers.get("retry-after");
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(1 / NO_REFILL_RPS);
      expect(Number(retryAfter)).toBeGreaterThan(1 / NO_REFILL_RPS / 2);
      expect(await response.json()).toMatchObject({ error: { code: "rate_limited", message: expect.any(String) } });
    }
    for (const response of responses.filter((r) => r.status === 200)) await response.body?.cancel();
    // Still refused, and requests without a key are not counted against it (nor is the dashboard limited per key).
    expect((await list(true)).status).toBe(429);
    expect((await list(false)).status).toBe(200);
  });

  // The bucket of this file's app is full here: its key's first requests are these five, the burst.
  it("answers a batch over PREFSCOPE_MAX_ROWS_PER_BATCH with 413 naming rows, JSON or NDJSON, metrics or sequences", async () => {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const created = await fetch(`${app.url}/api/v1/runs`, { method: "POST", headers, body: JSON.stringify({ project: "rate-limited", name: "rows" }) });
    const runId = ((await created.json()) as { id: string }).id;
    const row = (step: number) => ({ step, values: { loss: 1 } });
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => row(i));
    const bodies: [string, string, string][] = [
      ["metrics", "application/json", JSON.stringify({ rows })],
      ["metrics", "application/x-ndjson", rows.map((r) => JSON.stringify(r)).join("\n")],
      [
        "sequences",
        "application/json",
        JSON.stringify({ rows: rows.map((r) => ({ step: r.step, pair_id: 1, logp_chosen: -1, logp_rejected: -2, ref_logp_chosen: -1, ref_logp_rejected: -2 })) }),
      ],
    ];
    for (const [what, type, body] of bodies) {
      const response = await fetch(`${app.url}/api/v1/runs/${runId}/${what}`, { method: "POST", headers: { ...headers, "content-type": type }, body });
      expect(response.status, `${what} ${type}`).toBe(413);
      expect(await response.json()).toMatchObject({ error: { code: "payload_too_large", path: ["rows"] } });
    }
    const fits = await fetch(`${app.url}/api/v1/runs/${runId}/metrics`, { method: "POST", headers, body: JSON.stringify({ rows: rows.slice(1) }) });
    expect(await fits.json()).toEqual({ accepted: MAX_ROWS });
  });

  it("lets the TypeScript client deliver everything while it is being limited", async () => {
    const spoolDir = mkdtempSync(path.join(tmpdir(), "prefscope-rate-"));
    const run = init({
      project: "rate-limited",
      name: "throttled",
      url: app.url,
      apiKey: key,
      spoolDir,
      settings: { maxMetricRows: 10, flushIntervalMs: 10, retryBaseMs: 50, retryCapMs: 200 },
    });
    for (let step = 0; step < 300; step++) run.log({ loss: 1 / (step + 1) }, step);
    expect(await run.finish("finished", 45_000)).toBe(true);
    const series = await fetch(`${app.url}/api/v1/runs/${run.id}/metrics?keys=loss&max_points=100000`).then((r) => r.json());
    expect(series.series[0].points.map((p: { step: number }) => p.step)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    // 30 batches through a burst of 5: the bucket refilled and the client waited as told.
    expect(app.output()).not.toMatch(/unexpected error/);
  }, 60_000);
});
