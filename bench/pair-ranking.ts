// Issue 15's figure: a ranked page of the pair inspector (GET /api/v1/runs/:id/pairs) for a run of 10,000 pairs × 100
// logged steps (1,000,000 sequences rows, texts sent for every pair), by each measure and with each filter.
import { startApp } from "../tests/support/app-server";
import { median } from "./live-support";
import { heading, line, ms } from "./report";

const PAIRS = Number(process.env.BENCH_PAIRS ?? 10_000);
const STEPS = Number(process.env.BENCH_PAIR_STEPS ?? 100);
const READS = 7;
const TARGET_MS = 100;

async function post(url: string, key: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

async function seed(base: string): Promise<string> {
  const keyResponse = await fetch(`${base}/api/v1/projects/bench-pairs/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const key = ((await keyResponse.json()) as { key: string }).key;
  const created = await fetch(`${base}/api/v1/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ project: "bench-pairs", name: "ranked", algorithm: "dpo", config: { beta: 0.1 } }),
  });
  const run = ((await created.json()) as { id: string }).id;
  // One request per step: 10,000 rows, the batch size the ingest figures use.
  for (let step = 0; step < STEPS; step++) {
    const rows = Array.from({ length: PAIRS }, (_, i) => {
      const drift = Math.sin(i * 12.9898 + step * 0.01) * step * 0.05;
      return {
        step: step * 10,
        pair_id: `pair-${i}`,
        logp_chosen: -120 - (i % 97) + drift,
        logp_rejected: -130 - (i % 89) - Math.abs(drift),
        ref_logp_chosen: -120 - (i % 97),
        ref_logp_rejected: -130 - (i % 89),
        len_chosen: 50 + (i % 200),
        len_rejected: 60 + (i % 150),
      };
    });
    await post(`${base}/api/v1/runs/${run}/sequences`, key, { rows }).catch((error: unknown) => {
      throw new Error(`sequences of step ${step * 10}`, { cause: error });
    });
  }
  for (let first = 0; first < PAIRS; first += 1000) {
    const pairs = Array.from({ length: Math.min(1000, PAIRS - first) }, (_, k) => {
      const i = first + k;
      return {
        pair_id: `pair-${i}`,
        prompt: `Question ${i}: ${"how should one brew tea? ".repeat(8)}`,
        chosen: `Answer ${i}, the careful one. `.repeat(10),
        rejected: `Answer ${i}, the sloppy one. `.repeat(10),
      };
    });
    await post(`${base}/api/v1/runs/${run}/pairs`, key, { pairs });
  }
  return run;
}

async function timeRead(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < READS + 1; i++) {
    const start = performance.now();
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    if (i > 0) times.push(performance.now() - start); // the first read warms the server's caches
  }
  return median(times);
}

/** Seeds the run, then times a 50-pair page for each sort and filter (median of 7 reads after a warm-up). */
export async function benchPairRanking(databaseUrl: string | null): Promise<void> {
  // Flags are recomputed after the seeding, not during it or the reads (the flags section times that): on PGlite,
  // recomputing a run of several 100,000 per-pair rows holds the app's one thread long enough that a request sent
  // meanwhile has its connection reset.
  const later = { PREFSCOPE_FLAGS_DEBOUNCE_MS: "3600000", PREFSCOPE_FLAGS_MAX_WAIT_MS: "3600000" };
  const app = await startApp({ env: { ...later, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, startTimeoutMs: 240_000 });
  try {
    const started = performance.now();
    const run = await seed(app.url);
    const seedS = (performance.now() - started) / 1000;
    heading(
      `Pair inspector: a ranked page of 50 pairs at the last step, one run of ${PAIRS.toLocaleString("en-US")} pairs × ${STEPS} steps (seeded in ${seedS.toFixed(0)} s; median of ${READS} reads):`,
    );
    const base = `${app.url}/api/v1/runs/${run}/pairs?limit=50`;
    const cases: [string, string][] = [
      ["by Δ log πw (default)", ""],
      ["by Δ log πl, descending", "&sort=d_rejected&order=desc"],
      ["by leaked mass", "&sort=leaked"],
      ["by margin", "&sort=margin"],
      ["by gradient ratio (derived, DPO)", "&sort=grad_ratio&order=desc"],
      ["both down, by leaked mass", "&quadrant=both_down&sort=leaked"],
      ["an early step, page 100", `&step=100&offset=5000`],
      ["text search q=9999, by margin", "&q=9999&sort=margin"],
    ];
    for (const [label, query] of cases) {
      const t = await timeRead(base + query);
      line(`  ${label}`, ms(t), "", `≤ ${TARGET_MS} ms`, t <= TARGET_MS);
    }
    const one = await timeRead(`${app.url}/api/v1/runs/${run}/pairs/pair-1234`);
    line("  one pair's trajectory (100 steps)", ms(one), "GET /pairs/:pair_id, texts included");
  } catch (error) {
    console.error(`the app (exit ${app.process.exitCode}, signal ${app.process.signalCode}); its last output:\n${app.output().slice(-4000)}`);
    throw error;
  } finally {
    await app.stop();
  }
}
