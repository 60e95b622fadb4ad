// The TypeScript client against batches near and over the server's size limits, on an app started with small
// ones: a batch refused as too large (413) is split until it fits; a row the server cannot take at all, or an
// ambiguous answer (a 400 may be a body cut short on its way), keeps the data for a sync, never drops it. Only a
// 422, which names what is wrong, drops rows, and then only the refused part of a split batch.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { init, syncDirectory } from "@/clients/ts";
import { Transport } from "@/clients/ts/transport";
import { startApp, type AppServer } from "../support/app-server";

const databaseUrl = inject("databaseUrl");
const SMALL_BODY = 64 * 1024;
const SMALL_ROWS = 50;

const value = (step: number, k: number) => Math.sin(step * 0.7310585 + k * 1.618) * 123456.789;
const names = (count: number, prefix: string) => Array.from({ length: count }, (_, k) => `${prefix}/${String(k).padStart(4, "0")}`);
const row = (step: number, keys: string[]) => Object.fromEntries(keys.map((key, k) => [key, value(step, k)]));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const tmp = () => mkdtempSync(path.join(tmpdir(), "prefscope-client-bodies-"));
const quiet = { flushIntervalMs: 20, retryBaseMs: 20, retryCapMs: 200 };
const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Logs rows with the Python client (clients/python) in its own interpreter; resolves to finish()'s answer. */
function logWithPython(options: { url: string; apiKey: string; spoolDir: string; rows: { step: number; values: Record<string, number> }[] }): boolean {
  const code = [
    "import json, sys, prefscope",
    "o = json.loads(sys.argv[1])",
    "run = prefscope.init(project='ts-bodies', name='python-413', url=o['url'], api_key=o['apiKey'], spool_dir=o['spoolDir'],",
    "    settings={'flush_interval': 0.05, 'max_metric_rows': 10, 'backoff_base': 0.02, 'backoff_cap': 0.2})",
    "for row in o['rows']: run.log(row['values'], step=row['step'])",
    "print(json.dumps({'id': run.id, 'delivered': run.finish(timeout=30)}))",
  ].join("\n");
  const result = spawnSync("python3", ["-c", code, JSON.stringify(options)], {
    cwd: ROOT,
    env: { ...process.env, PYTHONPATH: path.join(ROOT, "clients", "python") },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`python exited ${result.status}: ${result.stderr}`);
  return (JSON.parse(result.stdout.trim().split("\n").at(-1)!) as { delivered: boolean }).delivered;
}

async function newKey(url: string, project: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/projects/${project}/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: "{}",
  });
  return ((await response.json()) as { key: string }).key;
}

async function seriesOf(url: string, runId: string): Promise<Record<string, [number, unknown][]>> {
  const all: Record<string, [number, unknown][]> = {};
  // A run's series come a page at a time (at most 500 names a page).
  for (let offset: number | null = 0; offset !== null;) {
    const response = await fetch(`${url}/api/v1/runs/${runId}/metrics?max_points=100000&limit=500&offset=${offset}`);
    const body = (await response.json()) as { series: { key: string; points: { step: number; value: unknown }[] }[]; next_offset: number | null };
    for (const s of body.series) all[s.key] = s.points.map((p) => [p.step, p.value] as [number, unknown]);
    offset = body.next_offset;
  }
  return all;
}

/** Forwards to the app; each status in `faults` answers the next write instead of the app. */
function faultProxy(upstream: string): Promise<{ url: string; faults: number[]; close: () => Promise<void> }> {
  const target = new URL(upstream);
  const faults: number[] = [];
  const server: Server = createServer((req, res) => {
    const fault = req.method !== "GET" ? faults.shift() : undefined;
    if (fault !== undefined) {
      req.resume();
      res.writeHead(fault, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "test", message: `injected ${fault}`, path: [] } }));
      return;
    }
    const forwarded = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forwarded);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, faults, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

describe("TypeScript client and the body limits", () => {
  let small: AppServer;
  let smallKey: string;
  const mainUrl = inject("baseUrl");
  let mainKey: string;

  beforeAll(async () => {
    small = await startApp({
      env: {
        PREFSCOPE_MAX_BODY_BYTES: String(SMALL_BODY),
        PREFSCOPE_MAX_ROWS_PER_BATCH: String(SMALL_ROWS),
        PREFSCOPE_RATE_LIMIT_RPS: "0",
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
    });
    smallKey = await newKey(small.url, "ts-bodies");
    mainKey = await newKey(mainUrl, "ts-bodies");
  });

  afterAll(async () => {
    await small?.stop();
  });

  it("splits batches over the body and row limits until they fit; every row lands once", { timeout: 120_000 }, async () => {
    const keys = names(100, "train/m");
    const run = init({ project: "ts-bodies", name: "split", url: small.url, apiKey: smallKey, spoolDir: tmp(), settings: { ...quiet, maxMetricRows: 200 } });
    for (const step of range(0, 400)) run.log(row(step, keys), step);
    expect(await run.finish("finished", 90_000)).toBe(true);
    const series = await seriesOf(small.url, run.id);
    expect(Object.keys(series).sort()).toEqual(keys);
    for (const [k, key] of keys.entries()) expect(series[key], key).toEqual(range(0, 400).map((s) => [s, value(s, k)]));
  });

  it("keeps a row larger than the server takes for a sync, instead of dropping it", { timeout: 120_000 }, async () => {
    const spoolDir = tmp();
    // One row of about 100 kB, over 64 KiB on its own, within the 1,000 distinct names a batch may hold.
    const wide = names(900, `wide/${"long_metric_name_".repeat(5)}`);
    const run = init({ project: "ts-bodies", name: "wide", url: small.url, apiKey: smallKey, spoolDir, settings: { ...quiet, maxMetricRows: 10 } });
    for (const step of range(0, 5)) run.log({ loss: step / 10 }, step);
    run.log(row(5, wide), 5);
    expect(await run.finish("finished", 3000)).toBe(false);
    expect(readdirSync(spoolDir)).toEqual([`${run.id}.jsonl`]);
    // A server that takes bigger bodies gets all of it from the spool.
    const [report] = await syncDirectory(spoolDir, { url: mainUrl, apiKey: mainKey });
    expect(report).toMatchObject({ rejected: [] });
    expect(report!.error).toBeUndefined();
    expect(readdirSync(spoolDir)).toEqual([]);
    const series = await seriesOf(mainUrl, run.id);
    expect(series.loss).toEqual(range(0, 5).map((s) => [s, s / 10]));
    expect(Object.keys(series)).toHaveLength(901);
    expect(series[wide[899]!]).toEqual([[5, value(5, 899)]]);
  });

  it("uploads with `npx prefscope sync` a Python spool that saw a 413: its split lines are followed, every row lands once", { timeout: 120_000 }, async () => {
    const spoolDir = tmp();
    const wide = names(900, `wide/${"long_metric_name_".repeat(5)}`);
    const rows = [...range(0, 5).map((step) => ({ step, values: { loss: step / 10 } })), { step: 5, values: row(5, wide) }];
    expect(logWithPython({ url: small.url, apiKey: smallKey, spoolDir, rows })).toBe(false);
    const [file] = readdirSync(spoolDir);
    const lines = readFileSync(path.join(spoolDir, file!), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { split?: string });
    expect(lines.filter((l) => l.split).length).toBeGreaterThan(0);

    const [report] = await syncDirectory(spoolDir, { url: mainUrl, apiKey: mainKey });
    expect(report).toMatchObject({ rejected: [] });
    expect(report!.error).toBeUndefined();
    expect(readdirSync(spoolDir)).toEqual([]);
    const series = await seriesOf(mainUrl, file!.replace(".jsonl", ""));
    expect(series.loss).toEqual(range(0, 5).map((s) => [s, s / 10]));
    expect(Object.keys(series)).toHaveLength(901);
    expect(series[wide[899]!]).toEqual([[5, value(5, 899)]]);
  });

  it("spools at once when the server refuses the key (401), without waiting out the finish timeout, and syncs later", { timeout: 60_000 }, async () => {
    const spoolDir = tmp();
    const run = init({ project: "ts-bodies", name: "401", url: mainUrl, apiKey: "ps_not_a_key", spoolDir, settings: { ...quiet, maxMetricRows: 50 } });
    for (const step of range(0, 120)) run.log({ x: step }, step);
    const started = Date.now();
    expect(await run.finish("finished", 45_000)).toBe(false);
    // Closing while spooling tries once more and stops (it would wait 45 s were the key retried in memory).
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(readdirSync(spoolDir)).toEqual([`${run.id}.jsonl`]);
    const [report] = await syncDirectory(spoolDir, { apiKey: mainKey });
    expect(report).toMatchObject({ sent: 5, stored: 3, duplicates: 0, rejected: [] });
    expect((await seriesOf(mainUrl, run.id)).x).toEqual(range(0, 120).map((s) => [s, s]));
    expect(await fetch(`${mainUrl}/api/v1/runs/${run.id}`).then((r) => r.json())).toMatchObject({ status: "finished" });
  });

  it("sends a batch answered 400 again instead of dropping it", { timeout: 60_000 }, async () => {
    const proxy = await faultProxy(mainUrl);
    try {
      const spoolDir = tmp();
      const run = init({ project: "ts-bodies", name: "400", url: proxy.url, apiKey: mainKey, spoolDir, settings: { ...quiet, maxMetricRows: 50 } });
      expect(await run.flush(10_000)).toBe(true);
      proxy.faults.push(400);
      for (const step of range(0, 100)) run.log({ x: step }, step);
      // Kept like any batch that cannot land with this URL and key: spooled and sent again in the background, or
      // (when the run finishes first) left in the spool for a sync, as the Python client does.
      if (!(await run.finish("finished", 30_000))) expect((await syncDirectory(spoolDir, { url: mainUrl, apiKey: mainKey }))[0]!.error).toBeUndefined();
      expect((await seriesOf(mainUrl, run.id)).x).toEqual(range(0, 100).map((s) => [s, s]));
      expect(readdirSync(spoolDir)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("takes the status of a 413 a proxy in between words in HTML (so the batch is split, not retried whole)", async () => {
    const html = createServer((req, res) => {
      req.resume();
      res.writeHead(413, { "content-type": "text/html" }).end("<html><body><h1>413 Request Entity Too Large</h1></body></html>");
    });
    await new Promise<void>((resolve) => html.listen(0, "127.0.0.1", resolve));
    try {
      const transport = new Transport(`http://127.0.0.1:${(html.address() as { port: number }).port}`, "ps_x");
      expect(await transport.request("POST", "/api/v1/runs/x/metrics", { rows: [] })).toMatchObject({ status: 413, error: "HTTP 413" });
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });

  it("sends the other half of a split batch when the server refuses one half (422)", { timeout: 60_000 }, async () => {
    const proxy = await faultProxy(mainUrl);
    try {
      const run = init({ project: "ts-bodies", name: "half", url: proxy.url, apiKey: mainKey, spoolDir: tmp(), settings: { ...quiet, maxMetricRows: 50 } });
      expect(await run.flush(10_000)).toBe(true);
      proxy.faults.push(413, 422);
      for (const step of range(0, 50)) run.log({ x: step }, step);
      expect(await run.finish("finished", 30_000)).toBe(true);
      expect((await seriesOf(mainUrl, run.id)).x).toEqual(range(25, 50).map((s) => [s, s]));
    } finally {
      await proxy.close();
    }
  });
});
