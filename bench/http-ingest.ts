import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { connectWithoutNagle } from "../lib/core/db";

/** Creates one run per sender. */
async function createRuns(url: string, key: string, project: string, names: string[]): Promise<string[]> {
  const runs: string[] = [];
  for (const name of names) {
    const response = await fetch(`${url}/api/v1/runs`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ project, name }),
    });
    runs.push(((await response.json()) as { id: string }).id);
  }
  return runs;
}

/**
 * POSTs one batch, sent again (up to twice) when the connection fails under it, as the clients do: its batch id
 * makes a second delivery a no-op. A pooled keep-alive socket can be closed by the server just as a request goes
 * out on it — the server closes an idle socket after 5 s, and when its event loop was held (PGlite runs in the
 * server's thread; flag recomputation is synchronous JS) the timer fires before the waiting request is read —
 * and the request then fails with `write EPIPE` or `read ECONNRESET` without having been answered.
 */
async function postBatch(url: string, headers: Record<string, string>, body: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", headers, body });
    } catch (error) {
      if (attempt === 3) throw error;
      continue;
    }
    if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return;
  }
}

export type BatchFormat = "ndjson" | "json";

/** Sends `total` metric rows to one run per sender in `format` batches of `batchRows`, `concurrency` requests in flight; rows/s. */
export async function httpIngestRate(options: {
  url: string;
  key: string;
  project: string;
  total: number;
  batchRows: number;
  keys: number;
  concurrency: number;
  format: BatchFormat;
}) {
  const { url, key, project, total, batchRows, keys, concurrency, format } = options;
  const headers = { authorization: `Bearer ${key}`, "content-type": format === "json" ? "application/json" : "application/x-ndjson" };
  const runs = await createRuns(
    url,
    key,
    project,
    Array.from({ length: concurrency }, (_, i) => `bench-${format}-${batchRows}-${i}`),
  );
  const stepsPerBatch = Math.max(1, Math.floor(batchRows / keys));
  const names = Array.from({ length: keys }, (_, k) => `metric/${k}`);
  const body = (firstStep: number, batchId: string) => {
    const rows: string[] = [];
    for (let s = 0; s < stepsPerBatch; s++) {
      const values: Record<string, number> = {};
      for (const name of names) values[name] = Math.random();
      rows.push(JSON.stringify({ step: firstStep + s, values }));
    }
    return format === "json" ? `{"batch_id":"${batchId}","rows":[${rows.join(",")}]}` : rows.join("\n");
  };
  const batches = Math.ceil(total / (stepsPerBatch * keys));
  const bodies = Array.from({ length: batches }, (_, b) => body(Math.floor(b / concurrency) * stepsPerBatch, `b${b}`));
  const started = performance.now();
  // Sender i sends bodies i, i + concurrency, …: each run's steps keep increasing, as a trainer's do.
  await Promise.all(
    runs.map(async (run, i) => {
      for (let b = i; b < bodies.length; b += concurrency) {
        await postBatch(`${url}/api/v1/runs/${run}/metrics${format === "json" ? "" : `?batch_id=b${b}`}`, headers, bodies[b]!);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return (batches * stepsPerBatch * keys) / seconds;
}

const SEQUENCES_TABLE = `create table bench_sequences (run_id uuid not null, step bigint not null, split text not null,
  pair_id text not null, logp_chosen float8 not null, logp_rejected float8 not null, ref_logp_chosen float8 not null,
  ref_logp_rejected float8 not null, len_chosen int, len_rejected int, log_grad_chosen float8, log_grad_rejected float8,
  primary key (run_id, step, split, pair_id))`;

/** One step's per-pair rows as the clients send them (split named, lengths given, no gradients). */
function sequenceRow(step: number, pair: number) {
  const lp = () => -Math.random() * 100;
  return {
    step,
    pair_id: `pair-${pair}`,
    split: "train",
    logp_chosen: lp(),
    logp_rejected: lp(),
    ref_logp_chosen: lp(),
    ref_logp_rejected: lp(),
    len_chosen: 100 + (pair % 50),
    len_rejected: 90 + (pair % 40),
  };
}

/** Raw COPY of `rows` per-pair rows into a table shaped like `sequences` (its own database or PGlite folder). */
export async function sequenceCopyRate(url: string | null, rows: number, pairs: number): Promise<number> {
  const run = "00000000-0000-4000-8000-000000000001";
  let csv = "";
  for (let i = 0; i < rows; i++) {
    const r = sequenceRow(Math.floor(i / pairs), i % pairs);
    csv += `${run},${r.step},${r.split},${r.pair_id},${r.logp_chosen},${r.logp_rejected},${r.ref_logp_chosen},${r.ref_logp_rejected},${r.len_chosen},${r.len_rejected},,\n`;
  }
  if (url === null) {
    const db = await PGlite.create(path.join(mkdtempSync(path.join(tmpdir(), "prefscope-bench-")), "db"));
    try {
      await db.exec(SEQUENCES_TABLE);
      const started = performance.now();
      await db.query("copy bench_sequences from '/dev/blob' with (format csv)", [], { blob: new Blob([csv]) });
      return rows / ((performance.now() - started) / 1000);
    } finally {
      await db.close();
    }
  }
  const sql = postgres(url, { max: 1, onnotice: () => {}, ...({ socket: connectWithoutNagle } as object) });
  try {
    await sql.unsafe("drop table if exists bench_sequences");
    await sql.unsafe(SEQUENCES_TABLE);
    const started = performance.now();
    await pipeline(Readable.from([csv]), await sql.unsafe("copy bench_sequences from stdin with (format csv)").writable());
    const seconds = (performance.now() - started) / 1000;
    await sql.unsafe("drop table bench_sequences");
    return rows / seconds;
  } finally {
    await sql.end();
  }
}

/** Sends `total` per-pair rows (`pairs` a step) to one run per sender in NDJSON batches of `batchRows`; rows/s. */
export async function httpSequenceIngestRate(options: { url: string; key: string; project: string; total: number; batchRows: number; pairs: number; concurrency: number }) {
  const { url, key, project, total, batchRows, pairs, concurrency } = options;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" };
  const runs = await createRuns(
    url,
    key,
    project,
    Array.from({ length: concurrency }, (_, i) => `bench-seq-${batchRows}-${i}`),
  );
  const stepsPerBatch = Math.max(1, Math.floor(batchRows / pairs));
  const batches = Math.ceil(total / (stepsPerBatch * pairs));
  const bodies = Array.from({ length: batches }, (_, b) => {
    const first = Math.floor(b / concurrency) * stepsPerBatch;
    const lines: string[] = [];
    for (let s = 0; s < stepsPerBatch; s++) for (let p = 0; p < pairs; p++) lines.push(JSON.stringify(sequenceRow(first + s, p)));
    return lines.join("\n");
  });
  const started = performance.now();
  await Promise.all(
    runs.map(async (run, i) => {
      for (let b = i; b < bodies.length; b += concurrency) {
        await postBatch(`${url}/api/v1/runs/${run}/sequences?batch_id=b${b}`, headers, bodies[b]!);
      }
    }),
  );
  return (batches * stepsPerBatch * pairs) / ((performance.now() - started) / 1000);
}
