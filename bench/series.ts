import type { Db } from "../lib/core/db";
import { appendMetrics } from "../lib/metrics/server/ingest";
import { iterateExactPoints, listMetricKeys, readMetricSeries } from "../lib/metrics/server/metric-series";
import { createOrResumeRun } from "../lib/runs/server/runs";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>, times = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

/**
 * A 1,000,000-step series served as ≤ 2,000 min/max points, next to reading it whole on the same database (each
 * the median of three reads).
 * Runs on the database benchFlagRecompute opened (call it inside that session).
 */
export async function benchLongSeries(db: Db, projectId: number, project: string, steps = 1_000_000) {
  const { run } = await createOrResumeRun({ db, projectId, input: { project, name: "million-steps", algorithm: "dpo" } });
  for (let start = 0; start < steps; start += 20_000) {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ step: start + i, values: { loss: Math.sin((start + i) / 5000) + ((start + i) % 99_991 === 0 ? 50 : 0) } }));
    await appendMetrics({ db, runId: run.id, rows });
  }
  const downsampled = await timed(() => readMetricSeries({ db, runId: run.id, keys: ["loss"], maxPoints: 2000, x: "step" }));
  const zoomed = await timed(() => readMetricSeries({ db, runId: run.id, keys: ["loss"], maxPoints: 2000, x: "step", from: 500_000, to: 501_500 }));
  const [key] = await listMetricKeys({ db, runId: run.id });
  const whole = await timed(async () => {
    for await (const page of iterateExactPoints({ db, runId: run.id, keyId: key!.id })) void page;
  });
  return { steps, downsampledMs: downsampled, zoomedMs: zoomed, wholeMs: whole };
}
