import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDatabase, getDatabase } from "../lib/core/db";
import { createApiKey } from "../lib/accounts/server/api-keys";
import { appendMetrics } from "../lib/metrics/server/ingest";
import { getProjectByName } from "../lib/projects/server/projects";
import { recomputeRunFlags } from "../lib/diagnostics/server/run-diagnostics";
import { createOrResumeRun } from "../lib/runs/server/runs";
import { appendSequences } from "../lib/sequences/server/sequences";
import { benchLongSeries } from "./series";

const STEPS = 100_000;
const BATCH = 10_000;
const PAIRS = 32;
const SEQUENCES_EVERY = 500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Time to recompute a 100k-step run's flags (what one ingest burst costs after the debounce), on the database
 * `databaseUrl` selects (a fresh PGlite folder otherwise). TRL's batch-mean metrics every step, per-pair rows
 * every 500 steps; the baseline is reading one 100k-point series in full on the same database.
 */
export async function benchFlagRecompute(databaseUrl: string | null) {
  process.env.PREFSCOPE_FLAGS_DEBOUNCE_MS = "3600000"; // loading must not trigger recomputations of its own
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else process.env.PREFSCOPE_DATA_DIR = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-bench-flags-")), "db");
  const database = await getDatabase({ role: "cli" });
  try {
    await createApiKey({ project: "bench-flags" });
    const { id: projectId } = await getProjectByName({ name: "bench-flags" });
    const { run } = await createOrResumeRun({ db: database.db, projectId, input: { project: "bench-flags", name: "long-dpo", algorithm: "dpo", config: { beta: 0.1 } } });
    for (let start = 0; start < STEPS; start += BATCH) {
      const rows = Array.from({ length: BATCH }, (_, i) => {
        const t = (start + i) / STEPS;
        return {
          step: start + i,
          values: {
            "logps/chosen": -50 + 2 * Math.sin(3 * t) - 5 * t,
            "logps/rejected": -55 - 40 * t,
            "rewards/chosen": 0.1 * (2 * Math.sin(3 * t) - 5 * t),
            "rewards/rejected": -4 * t,
            loss: Math.exp(-t),
          },
        };
      });
      await appendMetrics({ db: database.db, runId: run.id, rows });
    }
    const sequences = [];
    for (let step = 0; step < STEPS; step += SEQUENCES_EVERY) {
      const t = step / STEPS;
      for (let p = 0; p < PAIRS; p++)
        sequences.push({ step, pair_id: `p${p}`, split: "train", logp_chosen: -50 - 5 * t + p * 0.01, logp_rejected: -55 - 40 * t, ref_logp_chosen: -50, ref_logp_rejected: -55 });
    }
    for (let i = 0; i < sequences.length; i += BATCH) await appendSequences({ db: database.db, runId: run.id, rows: sequences.slice(i, i + BATCH) });

    const times: number[] = [];
    let flags: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      flags = (await recomputeRunFlags(run.id)).map((f) => `${f.property}:${f.severity}`);
      times.push(performance.now() - started);
    }
    const { queryRows } = await import("../lib/core/db");
    const { sql } = await import("drizzle-orm");
    const reads: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await queryRows(database.db, sql`select step, value from metrics m join metric_keys k on k.id = m.key_id where m.run_id = ${run.id} and k.name = 'loss' order by step`);
      reads.push(performance.now() - started);
    }
    const series = await benchLongSeries(database.db, projectId, "bench-flags");
    return { recomputeMs: median(times), readSeriesMs: median(reads), flags, steps: STEPS, pairs: sequences.length, series };
  } finally {
    await closeDatabase();
  }
}
