// `npm run bench`: ingest throughput over HTTP next to the raw bulk-insert rate of the same database, measured
// in the same run. DATABASE_URL selects a Postgres server (a fresh database on it); otherwise embedded PGlite.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startApp } from "../tests/support/app-server";
import { createTestDatabase } from "../tests/support/test-database";
import { pgliteCopyRate, serverCopyRate } from "./baseline";
import { benchFlagRecompute } from "./flags";
import { httpIngestRate } from "./http-ingest";

const TOTAL = Number(process.env.BENCH_ROWS ?? 300_000);
const KEYS = 10;
const CONCURRENCY = 2;

const fmt = (rate: number) => `${Math.round(rate).toLocaleString("en-US")} rows/s`;

async function main() {
  spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../scripts/build-if-stale.mjs")], { stdio: "inherit" });
  const database = await createTestDatabase();
  const engine = database ? "Postgres server" : "PGlite (embedded)";
  console.log(`PrefScope ingest bench — ${engine}, ${TOTAL.toLocaleString("en-US")} metric rows per case, ${KEYS} metrics per step, ${CONCURRENCY} concurrent senders`);

  const baseline = database ? await serverCopyRate(database.url, TOTAL, KEYS) : await pgliteCopyRate(TOTAL, KEYS);
  const app = await startApp({ env: database ? { DATABASE_URL: database.url } : {} });
  try {
    const keyResponse = await fetch(`${app.url}/api/v1/projects/bench/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const { key } = (await keyResponse.json()) as { key: string };
    const rows: [string, number][] = [["raw COPY (baseline)", baseline]];
    for (const batchRows of [1_000, 10_000]) {
      rows.push([`HTTP NDJSON, batches of ${batchRows.toLocaleString("en-US")}`, await httpIngestRate({ url: app.url, key, project: "bench", total: TOTAL, batchRows, keys: KEYS, concurrency: CONCURRENCY })]);
    }
    console.log("");
    for (const [label, rate] of rows) console.log(`${label.padEnd(34)} ${fmt(rate).padStart(20)}   ${(rate / baseline).toFixed(2)}× of COPY`);
  } finally {
    await app.stop();
  }
  try {
    const f = await benchFlagRecompute(database?.url ?? null);
    console.log(`\nFlag recomputation, one run of ${f.steps.toLocaleString("en-US")} steps (5 metrics a step, ${f.pairs.toLocaleString("en-US")} per-pair rows):`);
    console.log(`${"recompute flags (per ingest burst)".padEnd(34)} ${`${f.recomputeMs.toFixed(0)} ms`.padStart(20)}   ${(f.recomputeMs / f.readSeriesMs).toFixed(2)}× reading one full 100k-point series (${f.readSeriesMs.toFixed(0)} ms)`);
    console.log(`flags: ${f.flags.join(", ") || "none"}`);
    const s = f.series;
    console.log(`\nOne series of ${s.steps.toLocaleString("en-US")} steps (target: ≤ 2,000 points in ≤ 25 ms):`);
    console.log(`${"downsampled to ≤ 2,000 points".padEnd(34)} ${`${s.downsampledMs.toFixed(0)} ms`.padStart(20)}   ${(s.downsampledMs / s.wholeMs).toFixed(3)}× reading it whole (${s.wholeMs.toFixed(0)} ms)`);
    console.log(`${"zoomed to 1,500 steps (exact)".padEnd(34)} ${`${s.zoomedMs.toFixed(0)} ms`.padStart(20)}`);
  } finally {
    await database?.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
