import { describe, expect, it } from "vitest";
import { testDatabasePerFile } from "@/lib/core/db/test-database-per-file";
import { createTestRun } from "@/lib/runs/server/test-runs";
import type { MetricRow } from "../contract";
import { appendMetrics } from "./ingest";
import { chooseRollupLevel, rollupWidth } from "./metric-rollups";
import { iterateExactPoints, listMetricKeyPage, listMetricKeys, readMetricSeries, readMetricSeriesPage, type SeriesPoint } from "./metric-series";
import { listRunMetricNames } from "./run-metric-names";
import { readRunsMetricSeries } from "./runs-metric-series";

const database = testDatabasePerFile();

interface Point {
  step: number;
  value: number;
  time: number;
}

/** A wave with a spike up, a dip down and a NaN at known steps: downsampling must keep all three. */
function series(steps: number[]): Point[] {
  return steps.map((step, i) => ({ step, time: 500 + i, value: step === 1234 ? 999 : step === 2222 ? -999 : step === 3000 ? Number.NaN : Math.sin(step / 50) }));
}

async function log(runId: string, key: string, points: Point[]) {
  for (let i = 0; i < points.length; i += 1000) {
    const rows: MetricRow[] = points.slice(i, i + 1000).map((p) => ({ step: p.step, values: { [key]: p.value }, time: p.time }));
    await appendMetrics({ db: database.db, runId, rows });
  }
}

/** Postgres' float8 order for a bucket's min and max: NaN above every number, ties to the earliest step. */
function extremes(members: Point[]) {
  const less = (a: Point, b: Point) => {
    const [nanA, nanB] = [Number.isNaN(a.value), Number.isNaN(b.value)];
    if (nanA !== nanB) return nanB;
    return a.value !== b.value && !nanA ? a.value < b.value : a.step < b.step;
  };
  const greater = (a: Point, b: Point) => {
    const [nanA, nanB] = [Number.isNaN(a.value), Number.isNaN(b.value)];
    if (nanA !== nanB) return nanA;
    return a.value !== b.value && !nanA ? a.value > b.value : a.step < b.step;
  };
  return { min: members.reduce((m, p) => (less(p, m) ? p : m)), max: members.reduce((m, p) => (greater(p, m) ? p : m)) };
}

/** A bucket's min and max as points in step order, one point when they are the same row. */
function bucketPoints(buckets: Map<number, Point[]>, withBucket: boolean): SeriesPoint[] {
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([bucket, members]) => {
      const { min, max } = extremes(members);
      const point = (p: Point) => ({ step: p.step, value: p.value, time: p.time, count: members.length, ...(withBucket ? { bucket } : {}) });
      if (min.step === max.step) return [point(min)];
      return min.step < max.step ? [point(min), point(max)] : [point(max), point(min)];
    });
}

const exact = (points: Point[]): SeriesPoint[] => points.map((p) => ({ step: p.step, value: p.value, time: p.time, count: 1 }));

describe("metric series reads", { timeout: 60_000 }, () => {
  it("answers a short series whole, in step order", async () => {
    const { runId } = await createTestRun(database.db);
    const points = series([5, 1, 3, 2, 4]);
    await log(runId, "loss", points);
    const [read] = await readMetricSeries({ db: database.db, runId, keys: ["loss"], maxPoints: 10, x: "step" });
    expect(read).toEqual({ key: "loss", total: 5, sampled: false, points: exact([...points].sort((a, b) => a.step - b.step)) });
  });

  it("downsamples a whole long series from the rollups: each bucket's min and max, spikes and NaN kept", async () => {
    const { runId } = await createTestRun(database.db);
    const points = series(Array.from({ length: 4000 }, (_, i) => i));
    await log(runId, "loss", points);
    const [read] = await readMetricSeries({ db: database.db, runId, keys: ["loss"], maxPoints: 200, x: "step" });
    const level = chooseRollupLevel(0, 3999, 100)!;
    const width = rollupWidth(level);
    const buckets = new Map<number, Point[]>();
    for (const p of points) buckets.set(Math.floor(p.step / width), [...(buckets.get(Math.floor(p.step / width)) ?? []), p]);
    expect(read!.total).toBe(4000);
    expect(read!.sampled).toBe(true);
    expect(read!.points).toEqual(bucketPoints(buckets, true));
    const values = read!.points.map((p) => p.value);
    expect(values).toContain(999);
    expect(values).toContain(-999);
    expect(values.some(Number.isNaN)).toBe(true);
  });

  it("downsamples a step range in equal-width buckets over the range", async () => {
    const { runId } = await createTestRun(database.db);
    const points = series(Array.from({ length: 4000 }, (_, i) => i * 2));
    await log(runId, "loss", points);
    const [from, to, maxPoints] = [1001, 6999, 100];
    const [read] = await readMetricSeries({ db: database.db, runId, keys: ["loss"], maxPoints, x: "step", from, to });
    const inRange = points.filter((p) => p.step >= from && p.step <= to);
    const [lo, hi] = [inRange[0]!.step, inRange.at(-1)!.step];
    const count = maxPoints / 2;
    const width = (hi - lo) / count;
    const buckets = new Map<number, Point[]>();
    for (const p of inRange) {
      const b = Math.min(Math.floor((p.step - lo) / width), count - 1);
      buckets.set(b, [...(buckets.get(b) ?? []), p]);
    }
    expect(read!.total).toBe(inRange.length);
    expect(read!.sampled).toBe(true);
    expect(read!.points).toEqual(bucketPoints(buckets, true));
  });

  it("reads a time range exactly when it fits, and a range on either axis includes its ends", async () => {
    const { runId } = await createTestRun(database.db);
    const points = series(Array.from({ length: 300 }, (_, i) => i));
    await log(runId, "loss", points);
    const [byTime] = await readMetricSeries({ db: database.db, runId, keys: ["loss"], maxPoints: 1000, x: "time", from: 510, to: 520 });
    expect(byTime).toEqual({ key: "loss", total: 11, sampled: false, points: exact(points.filter((p) => p.time >= 510 && p.time <= 520)) });
    const [bySteps] = await readMetricSeries({ db: database.db, runId, keys: ["loss"], maxPoints: 1000, x: "step", from: 0, to: 0 });
    expect(bySteps!.points).toEqual(exact(points.slice(0, 1)));
  });

  it("lists, pages and filters a run's series by name, with their summaries", async () => {
    const { runId } = await createTestRun(database.db);
    const names = ["train/loss", "train/acc", "eval/loss", "eval/acc", "lr"];
    await appendMetrics({
      db: database.db,
      runId,
      rows: [
        { step: 0, values: Object.fromEntries(names.map((n, i) => [n, i])) },
        { step: 9, values: { lr: -1 } },
      ],
    });

    const keys = await listMetricKeys({ db: database.db, runId });
    expect(keys.map((k) => k.name)).toEqual([...names].sort());
    expect(keys.find((k) => k.name === "lr")).toMatchObject({ count: 2, first_step: 0, last_step: 9, last_value: -1, min_value: -1, max_value: 4 });
    expect((await listMetricKeys({ db: database.db, runId, names: ["lr", "nope"] })).map((k) => k.name)).toEqual(["lr"]);

    const page = await listMetricKeyPage({ db: database.db, runId, page: { limit: 1, offset: 1, match: "LOSS" } });
    expect(page).toMatchObject({ total: 2, keys: [{ name: "train/loss" }] });

    const first = await readMetricSeriesPage({ db: database.db, runId, page: { limit: 2, offset: 0 }, maxPoints: 10, x: "step" });
    expect(first.series.map((s) => s.key)).toEqual(["eval/acc", "eval/loss"]);
    expect(first).toMatchObject({ total_keys: 5, offset: 0, next_offset: 2 });
    const last = await readMetricSeriesPage({ db: database.db, runId, page: { limit: 2, offset: 4 }, maxPoints: 10, x: "step" });
    expect(last).toMatchObject({ total_keys: 5, next_offset: null, series: [{ key: "train/loss", total: 1 }] });
  });

  it("pages every point of a series for exports, within the bounds asked", async () => {
    const { runId } = await createTestRun(database.db);
    const points = series(Array.from({ length: 1500 }, (_, i) => i * 3));
    await log(runId, "loss", points);
    const [key] = await listMetricKeys({ db: database.db, runId });
    const read: { step: number; value: number }[] = [];
    for await (const page of iterateExactPoints({ db: database.db, runId, keyId: key!.id, from: 30, to: 3000 }))
      read.push(...page.map((p) => ({ step: Number(p.step), value: p.value })));
    expect(read).toEqual(points.filter((p) => p.step >= 30 && p.step <= 3000).map((p) => ({ step: p.step, value: p.value })));
  });

  it("reads one metric across runs, leaving out runs that never logged it, and names metrics in first-logged order", async () => {
    const a = await createTestRun(database.db, { name: "a" });
    const b = await createTestRun(database.db, { name: "b" });
    await appendMetrics({ db: database.db, runId: a.runId, rows: [{ step: 0, values: { zeta: 1, alpha: 2 } }] });
    await appendMetrics({
      db: database.db,
      runId: b.runId,
      rows: [
        { step: 0, values: { alpha: 3 } },
        { step: 1, values: { beta: 4 } },
      ],
    });

    const byRun = await readRunsMetricSeries({ db: database.db, runIds: [a.runId, b.runId], key: "beta" });
    expect([...byRun.keys()]).toEqual([b.runId]);
    expect(byRun.get(b.runId)!.map((p) => p.value)).toEqual([4]);
    // Key ids grow as names are first logged; one batch's new names are added in sorted order.
    expect(await listRunMetricNames({ db: database.db, runIds: [a.runId, b.runId] })).toEqual(["alpha", "zeta", "beta"]);
    expect(await listRunMetricNames({ db: database.db, runIds: [] })).toEqual([]);
  });
});
