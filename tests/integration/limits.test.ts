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

describe("limits", () => {
  let app: AppServer;
  let key: string;

  beforeAll(async () => {
    const limits = { PREFSCOPE_RATE_LIMIT_RPS: String(RPS), PREFSCOPE_RATE_LIMIT_BURST: String(BURST), PREFSCOPE_MAX_ROWS_PER_BATCH: String(MAX_ROWS) };
    app = await startApp({ env: { ...limits, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
    const created = await fetch(`${app.url}/api/v1/projects/rate-limited/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    key = ((await created.json()) as { key: string }).key;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("answers 429 rate_limited with Retry-After in whole seconds once the burst is spent", async () => {
    const responses = await Promise.all(Array.from({ length: BURST * 3 }, () => fetch(`${app.url}/api/v1/runs?project=rate-limited`, { headers: { authorization: `Bearer ${key}` } })));
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(BURST);
    expect(limited.length).toBeGreaterThan(0);
    for (const response of limited) {
      const retryAfter = response.headers.get("retry-after");
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(await response.json()).toMatchObject({ error: { code: "rate_limited", message: expect.any(String) } });
    }
    // Requests without a key are not counted against it (and the dashboard's are not limited per key).
    expect((await fetch(`${app.url}/api/v1/runs?project=rate-limited`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (BURST / RPS) * 1000 + 100));
    expect((await fetch(`${app.url}/api/v1/runs?project=rate-limited`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });

  it("answers a batch over PREFSCOPE_MAX_ROWS_PER_BATCH with 413 naming rows, JSON or NDJSON, metrics or sequences", async () => {
    await new Promise((r) => setTimeout(r, (BURST / RPS) * 1000));
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const created = await fetch(`${app.url}/api/v1/runs`, { method: "POST", headers, body: JSON.stringify({ project: "rate-limited", name: "rows" }) });
    const runId = ((await created.json()) as { id: string }).id;
    const row = (step: number) => ({ step, values: { loss: 1 } });
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => row(i));
    const bodies: [string, string, string][] = [
      ["metrics", "application/json", JSON.stringify({ rows })],
      ["metrics", "application/x-ndjson", rows.map((r) => JSON.stringify(r)).join("\n")],
      ["sequences", "application/json", JSON.stringify({ rows: rows.map((r) => ({ step: r.step, pair_id: 1, logp_chosen: -1, logp_rejected: -2, ref_logp_chosen: -1, ref_logp_rejected: -2 })) })],
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
    const run = init({ project: "rate-limited", name: "throttled", url: app.url, apiKey: key, spoolDir, settings: { maxMetricRows: 10, flushIntervalMs: 10, retryBaseMs: 50, retryCapMs: 200 } });
    for (let step = 0; step < 300; step++) run.log({ loss: 1 / (step + 1) }, step);
    expect(await run.finish("finished", 45_000)).toBe(true);
    const series = await fetch(`${app.url}/api/v1/runs/${run.id}/metrics?keys=loss&max_points=100000`).then((r) => r.json());
    expect(series.series[0].points.map((p: { step: number }) => p.step)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(app.output()).not.toMatch(/unexpected error/);
  }, 60_000);
});
