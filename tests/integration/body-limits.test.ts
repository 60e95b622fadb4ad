// Request bodies near and over every size limit: a body is stored whole or refused whole (413 or another 4xx,
// nothing written), never cut short. Next.js hands a route that its proxy (proxy.ts) runs in front of only the first
// 10 MiB of a body (`experimental.proxyClientMaxBodySize`), so the sizes straddle 10 MiB as well as
// PREFSCOPE_MAX_BODY_BYTES (32 MiB) and PREFSCOPE_MAX_IMPORT_BYTES.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, newProject } from "./api-client";
import { startApp, type AppServer } from "../support/app-server";
import { httpOnce } from "../support/http-once";

const MiB = 1024 * 1024;
/** What Next.js buffers of a body for a route behind its proxy, unless configured. */
const PROXY_BUFFER = 10 * MiB;
const MAX_BODY = 32 * MiB;
const databaseUrl = inject("databaseUrl");

type Row = { step: number; values: Record<string, number> };

const value = (step: number, k: number) => Math.sin(step * 0.7310585 + k * 1.618) * 123456.789;
const names = (count: number, prefix = "m") => Array.from({ length: count }, (_, k) => `${prefix}/${String(k).padStart(3, "0")}`);

function makeRows(count: number, keys: string[], first = 0): Row[] {
  return Array.from({ length: count }, (_, i) => ({ step: first + i, values: Object.fromEntries(keys.map((key, k) => [key, value(first + i, k)])) }));
}

const ndjson = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).join("\n");

/** Leading whitespace, which JSON and NDJSON both skip, brings a body to exactly `size` bytes. */
function padTo(text: string, size: number, pad = " "): string {
  const missing = size - Buffer.byteLength(text);
  if (missing < 0) throw new Error(`the body is already ${-missing} bytes over ${size}`);
  return pad.repeat(missing) + text;
}

/** POST to `/api/v1/runs/<target>`: a run id (its metrics) or `<id>/metrics?batch_id=…`; sized or chunked. */
async function post(target: string, key: string, body: string, type: string, chunked = false) {
  const url = `${baseUrl()}/api/v1/runs/${target.includes("/") ? target : `${target}/metrics`}`;
  const response = await httpOnce(url, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": type }, body, chunked });
  return { status: response.status, body: response.text ? response.json() : null };
}

/** A fresh run, asked for on a connection of its own. */
async function newRun(project: string, key: string): Promise<string> {
  const response = await httpOnce(`${baseUrl()}/api/v1/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ project, name: "run" }),
  });
  expect(response.status).toBe(201);
  return response.json().id;
}

/** Every stored point of the run, as the rows it came from. */
async function storedRows(runId: string): Promise<Row[]> {
  const byStep = new Map<number, Row>();
  // A run's series come a page at a time (at most 500 names a page).
  for (let offset: number | null = 0; offset !== null;) {
    const response = await httpOnce(`${baseUrl()}/api/v1/runs/${runId}/metrics?max_points=100000&limit=500&offset=${offset}`);
    expect(response.status).toBe(200);
    const page = response.json() as { series: { key: string; sampled: boolean; points: { step: number; value: number }[] }[]; next_offset: number | null };
    for (const series of page.series) {
      expect(series.sampled, series.key).toBe(false);
      for (const point of series.points) {
        let row = byStep.get(point.step);
        if (!row) byStep.set(point.step, (row = { step: point.step, values: {} }));
        row.values[series.key] = point.value;
      }
    }
    offset = page.next_offset;
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** The rows as the API gives them back: keys in name order. */
const sorted = (rows: Row[]) => rows.map((r) => ({ step: r.step, values: Object.fromEntries(Object.entries(r.values).sort(([a], [b]) => (a < b ? -1 : 1))) }));

describe("metric batches near the body limits", () => {
  let project: string;
  let key: string;

  beforeAll(async () => {
    ({ project, key } = await newProject("bodies"));
  });

  it("stores every row of bodies just under and just over the 10 MiB a proxy buffers, JSON and NDJSON, sized or chunked", { timeout: 180_000 }, async () => {
    // Few rows, after whitespace: the rows sit past the 10 MiB mark, where a cut body would lose them.
    const rows = makeRows(2000, names(4));
    const cases = [
      { type: "application/json", size: PROXY_BUFFER - 1, chunked: false },
      { type: "application/json", size: PROXY_BUFFER + 1, chunked: false },
      { type: "application/x-ndjson", size: PROXY_BUFFER + 1, chunked: false },
      { type: "application/json", size: PROXY_BUFFER + 1, chunked: true },
      { type: "application/x-ndjson", size: PROXY_BUFFER + MiB, chunked: true },
    ];
    for (const c of cases) {
      const what = `${c.type} ${c.size} bytes${c.chunked ? " chunked" : ""}`;
      const runId = await newRun(project, key);
      const text = c.type === "application/json" ? JSON.stringify({ batch_id: "b", rows }) : ndjson(rows);
      const body = padTo(text, c.size, c.type === "application/json" ? " " : "\n");
      expect(Buffer.byteLength(body)).toBe(c.size);
      const response = await post(runId, key, body, c.type, c.chunked);
      expect(response, what).toEqual({ status: 200, body: { accepted: rows.length } });
      expect(await storedRows(runId), what).toEqual(sorted(rows));
    }
  });

  it("never takes only the lines before 10 MiB of an NDJSON batch (a cut among blank lines would still parse)", { timeout: 120_000 }, async () => {
    const runId = await newRun(project, key);
    const before = makeRows(1000, names(4));
    const after = makeRows(1000, names(4), 1000);
    // Blank lines from well before to well after the 10 MiB mark: a body cut anywhere there is valid NDJSON, shorter.
    const head = `${ndjson(before)}\n`;
    const body = head + "\n".repeat(PROXY_BUFFER + MiB / 2 - head.length) + ndjson(after);
    const response = await post(runId, key, body, "application/x-ndjson");
    expect(response).toEqual({ status: 200, body: { accepted: 2000 } });
    expect(await storedRows(runId)).toEqual(sorted([...before, ...after]));
  });

  it("stores a 12 MB NDJSON batch of 40,000 rows exactly", { timeout: 300_000 }, async () => {
    const runId = await newRun(project, key);
    const rows = makeRows(40_000, names(8, "train/metric"));
    const body = ndjson(rows);
    expect(Buffer.byteLength(body)).toBeGreaterThan(12_000_000);
    const response = await post(`${runId}/metrics?batch_id=ndjson`, key, body, "application/x-ndjson");
    expect(response).toEqual({ status: 200, body: { accepted: 40_000 } });
    expect(await storedRows(runId)).toEqual(sorted(rows));
    // The batch id is taken only with every row: a retry is a duplicate of the whole batch.
    expect(await post(`${runId}/metrics?batch_id=ndjson`, key, body, "application/x-ndjson")).toEqual({ status: 200, body: { accepted: 40_000, duplicate: true } });
  });

  it("stores a 16.5 MB JSON batch of 1,000 steps x 400 metrics exactly", { timeout: 300_000 }, async () => {
    const runId = await newRun(project, key);
    const rows = makeRows(1000, names(400, "eval/rewards_acc"));
    const body = JSON.stringify({ batch_id: "big", rows });
    expect(Buffer.byteLength(body)).toBeGreaterThan(16_500_000);
    const response = await post(runId, key, body, "application/json");
    expect(response).toEqual({ status: 200, body: { accepted: 1000 } });
    expect(await storedRows(runId)).toEqual(sorted(rows));
  });

  it("takes a body of exactly PREFSCOPE_MAX_BODY_BYTES; one byte more is 413 and writes nothing, sized or chunked", { timeout: 180_000 }, async () => {
    const rows = makeRows(500, names(2));
    for (const type of ["application/json", "application/x-ndjson"]) {
      const text = type === "application/json" ? JSON.stringify({ rows }) : ndjson(rows);
      const pad = type === "application/json" ? " " : "\n";
      const fits = await newRun(project, key);
      expect(await post(fits, key, padTo(text, MAX_BODY, pad), type), type).toEqual({ status: 200, body: { accepted: 500 } });
      expect(await storedRows(fits)).toEqual(sorted(rows));
      for (const chunked of [false, true]) {
        const runId = await newRun(project, key);
        const response = await post(runId, key, padTo(text, MAX_BODY + 1, pad), type, chunked);
        expect([response.status, response.body.error.code], `${type} chunked=${chunked}`).toEqual([413, "payload_too_large"]);
        expect(await storedRows(runId)).toEqual([]);
      }
    }
  });
});

const IMPORT_LIMIT = 12 * MiB;

/** A W&B-style CSV history of about `bytes` bytes. */
function csvOf(bytes: number): { text: string; rows: number } {
  const keys = names(8, "train/m");
  const lines = [`_step,${keys.join(",")}`];
  let size = lines[0]!.length + 1;
  for (let step = 0; size < bytes; step++) {
    const line = `${step},${keys.map((_, k) => value(step, k)).join(",")}`;
    lines.push(line);
    size += line.length + 1;
  }
  return { text: `${lines.join("\n")}\n`, rows: lines.length - 1 };
}

async function upload(url: string, project: string, key: string, name: string, text: string, chunked = false) {
  const form = new FormData();
  form.set("project", project);
  form.append("file", new Blob([text]), name);
  const encoded = new Response(form);
  const headers = { authorization: `Bearer ${key}`, "content-type": encoded.headers.get("content-type")! };
  const response = await httpOnce(`${url}/api/v1/import`, { method: "POST", headers, body: new Uint8Array(await encoded.arrayBuffer()), chunked });
  return { status: response.status, body: response.json() };
}

async function runNames(url: string, project: string): Promise<string[]> {
  const response = await httpOnce(`${url}/api/v1/runs?project=${project}&limit=1000`);
  return (response.json() as { runs: { name: string }[] }).runs.map((r) => r.name);
}

describe("imports past 10 MiB, up to PREFSCOPE_MAX_IMPORT_BYTES", () => {
  let app: AppServer;
  let project: string;
  let key: string;

  beforeAll(async () => {
    app = await startApp({ env: { PREFSCOPE_MAX_IMPORT_BYTES: String(IMPORT_LIMIT), PREFSCOPE_RATE_LIMIT_RPS: "0", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
    project = `imports-${crypto.randomUUID().slice(0, 8)}`;
    const created = await fetch(`${app.url}/api/v1/projects/${project}/keys`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    key = ((await created.json()) as { key: string }).key;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("imports an 11 MiB CSV whole, sized or chunked; an upload over the limit is 413 and makes no run", { timeout: 300_000 }, async () => {
    const csv = csvOf(11 * MiB);
    for (const chunked of [false, true]) {
      const name = `big-${chunked ? "chunked" : "sized"}.csv`;
      const response = await upload(app.url, project, key, name, csv.text, chunked);
      expect([response.status, response.body.runs?.[0]?.rows], name).toEqual([201, csv.rows]);
      const runId = response.body.runs[0].run.id as string;
      const series = (await httpOnce(`${app.url}/api/v1/runs/${runId}/metrics?keys=train/m/007&max_points=100000`)).json();
      expect(series.series[0].points.map((p: { value: number }) => p.value)).toEqual(Array.from({ length: csv.rows }, (_, step) => value(step, 7)));
    }
    const over = csvOf(IMPORT_LIMIT + MiB);
    for (const chunked of [false, true]) {
      const name = `over-${chunked ? "chunked" : "sized"}.csv`;
      const response = await upload(app.url, project, key, name, over.text, chunked);
      expect([response.status, response.body.error?.code], name).toEqual([413, "payload_too_large"]);
    }
    expect((await runNames(app.url, project)).sort()).toEqual(["big-chunked", "big-sized"]);
  });

  it.skipIf(databaseUrl !== null)(
    "imports an 11 MiB file with `prefscope import` through the running server (embedded database only: on a server the CLI writes to the database itself)",
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "prefscope-big-import-"));
      const csv = csvOf(11 * MiB);
      const file = path.join(dir, "history.csv");
      writeFileSync(file, csv.text);
      const cli = path.resolve(import.meta.dirname, "..", "..", "bin", "prefscope.mjs");
      const { stdout } = await promisify(execFile)(process.execPath, [cli, "import", file, "--project", project, "--name", "via-cli"], {
        env: { ...process.env, PREFSCOPE_DATA_DIR: app.dataDir! },
        timeout: 240_000,
      });
      expect(stdout).toMatch(new RegExp(`^via-cli\\tcsv\\t${csv.rows} rows\\t0 problems`));
      expect(await runNames(app.url, project)).toContain("via-cli");
    },
  );
});
