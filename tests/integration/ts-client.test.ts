import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { init, syncDirectory } from "@/clients/ts";
import { freePort, startApp, type AppServer } from "../support/app-server";

const databaseUrl = inject("databaseUrl");

/** An app of the test's own, so it can be stopped and started again on the same database. */
async function ownApp(port: number, dataDir?: string): Promise<AppServer> {
  return startApp({ port, dataDir, env: databaseUrl ? { DATABASE_URL: databaseUrl } : {} });
}

async function newKey(url: string, project: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/projects/${project}/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  return ((await response.json()) as { key: string }).key;
}

async function stepsOf(url: string, runId: string, key: string): Promise<(number | string)[]> {
  const response = await fetch(`${url}/api/v1/runs/${runId}/metrics?keys=${key}&max_points=100000`);
  const body = (await response.json()) as { series: { points: { step: number; value: number | string }[] }[] };
  return body.series[0]?.points.map((p) => p.step) ?? [];
}

const tmp = () => mkdtempSync(path.join(tmpdir(), "prefscope-client-"));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("TypeScript client", () => {
  it("batches, survives the server stopping and starting again, and ends with every row present once", async () => {
    const port = await freePort();
    let app = await ownApp(port);
    const dataDir = app.dataDir ?? undefined;
    try {
      const apiKey = await newKey(app.url, "ts-client");
      const run = init({ project: "ts-client", name: "resilient", url: app.url, apiKey, spoolDir: tmp(), settings: { flushIntervalMs: 50, retryBaseMs: 50, retryCapMs: 300 } });
      for (const step of range(500)) run.log({ loss: 1 / (step + 1), odd: step % 2 ? Number.NaN : step }, step);
      expect(await run.flush(20_000)).toBe(true);
      await app.stop("SIGKILL");
      for (const step of range(500).map((s) => s + 500)) run.log({ loss: 1 / (step + 1), odd: step }, step);
      await new Promise((r) => setTimeout(r, 500));
      app = await ownApp(port, dataDir);
      expect(await run.finish("finished", 30_000)).toBe(true);
      expect(await stepsOf(app.url, run.id, "loss")).toEqual(range(1000));
      const odd = await fetch(`${app.url}/api/v1/runs/${run.id}/metrics?keys=odd&max_points=100000`).then((r) => r.json());
      expect(odd.series[0].points[1].value).toBe("NaN");
      const state = await fetch(`${app.url}/api/v1/runs/${run.id}`).then((r) => r.json());
      expect(state.status).toBe("finished");
    } finally {
      await app.stop();
    }
  });

  it("spools when the server is unreachable and syncs later, idempotently", async () => {
    const spoolDir = tmp();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const run = init({ project: "ts-spool", name: "offline-first", url, apiKey: "ps_later", spoolDir, settings: { flushIntervalMs: 20, retryBaseMs: 20, retryCapMs: 50 } });
    for (const step of range(300)) run.log({ reward: step / 10 }, step);
    run.logSequences(0, { pairIds: [0, 1], logpChosen: [-1, -2], logpRejected: [-3, -4], refLogpChosen: [-1, -2], refLogpRejected: [-3, -4] });
    expect(await run.finish("finished", 500)).toBe(false);
    expect(readdirSync(spoolDir)).toEqual([`${run.id}.jsonl`]);

    const app = await ownApp(port);
    try {
      const apiKey = await newKey(app.url, "ts-spool");
      const [report] = await syncDirectory(spoolDir, { apiKey });
      expect(report!.error).toBeUndefined();
      expect(readdirSync(spoolDir)).toEqual([]);
      expect(await stepsOf(app.url, run.id, "reward")).toEqual(range(300));
      const pairs = await fetch(`${app.url}/api/v1/runs/${run.id}/sequences?step=0`).then((r) => r.json());
      expect(pairs.rows).toHaveLength(2);
      expect(await syncDirectory(spoolDir, { apiKey })).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
