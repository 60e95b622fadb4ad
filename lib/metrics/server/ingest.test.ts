import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "@/lib/core/db";
import { testDatabasePerFile } from "@/lib/core/db/test-database-per-file";
import { createTestRun } from "@/lib/runs/server/test-runs";
import { updateRun } from "@/lib/runs/server/runs";
import type { MetricRow } from "../contract";
import { appendMetrics } from "./ingest";

const database = testDatabasePerFile();

const stored = (runId: string, name: string) =>
  queryRows<{ step: number; value: number; wall_time: number }>(
    database.db,
    sql`select m.step::float8 as step, m.value, m.wall_time from metrics m join metric_keys k on k.id = m.key_id
        where m.run_id = ${runId} and k.name = ${name} order by m.step`,
  );

const summary = async (runId: string, name: string) => {
  const [row] = await queryRows<Record<string, number | null>>(
    database.db,
    sql`select count::float8 as count, first_step::float8 as first_step, first_value, last_step::float8 as last_step,
               last_value, min_value, max_value from metric_keys where run_id = ${runId} and name = ${name}`,
  );
  return row;
};

/** What a series' summary must be, from the rows it holds (min and max over finite values only). */
function expectedSummary(points: Map<number, number>) {
  const steps = [...points.keys()].sort((a, b) => a - b);
  const finite = [...points.values()].filter(Number.isFinite);
  return {
    count: steps.length,
    first_step: steps[0]!,
    first_value: points.get(steps[0]!)!,
    last_step: steps.at(-1)!,
    last_value: points.get(steps.at(-1)!)!,
    min_value: finite.length ? Math.min(...finite) : null,
    max_value: finite.length ? Math.max(...finite) : null,
  };
}

/** A small deterministic generator (mulberry32), so a failing case is the same case on the next run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Generous: on a machine shared with builds a test here has taken up to ~10 s.
describe("appendMetrics", { timeout: 60_000 }, () => {
  it("stores every value as sent, NaN and ±Infinity included, and keeps them out of min and max", async () => {
    const { runId } = await createTestRun(database.db);
    const values = [0.5, Number.NaN, Number.POSITIVE_INFINITY, -2.25, Number.NEGATIVE_INFINITY, 1e-300, -0, 3];
    const rows: MetricRow[] = values.map((value, step) => ({ step, values: { loss: value }, time: 100 + step }));
    expect(await appendMetrics({ db: database.db, runId, rows })).toEqual({ accepted: values.length });

    const points = await stored(runId, "loss");
    expect(points.map((p) => p.step)).toEqual(values.map((_, i) => i));
    points.forEach((p, i) => expect(Object.is(p.value, values[i]) || (p.value === 0 && values[i] === 0)).toBe(true));
    expect(points.map((p) => p.wall_time)).toEqual(values.map((_, i) => 100 + i));
    expect(await summary(runId, "loss")).toEqual({ count: 8, first_step: 0, first_value: 0.5, last_step: 7, last_value: 3, min_value: -2.25, max_value: 3 });
  });

  it("stores steps past 32 bits exactly (binary COPY writes int8 as two words)", async () => {
    const { runId } = await createTestRun(database.db);
    const steps = [0, 4294967295, 4294967296, 4294967297, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER];
    await appendMetrics({ db: database.db, runId, rows: steps.map((step, i) => ({ step, values: { x: i }, time: 7 })) });
    const rows = await queryRows<{ step: string; value: number }>(database.db, sql`select step::text as step, value from metrics where run_id = ${runId} order by value`);
    expect(rows).toEqual(steps.map((step, i) => ({ step: String(step), value: i })));
  });

  it("leaves min and max null for a series with no finite value", async () => {
    const { runId } = await createTestRun(database.db);
    await appendMetrics({
      db: database.db,
      runId,
      rows: [
        { step: 1, values: { x: Number.NaN } },
        { step: 2, values: { x: Number.POSITIVE_INFINITY } },
      ],
    });
    expect(await summary(runId, "x")).toMatchObject({ count: 2, min_value: null, max_value: null });
  });

  it("takes the last of two rows for one (key, step) in a batch", async () => {
    const { runId } = await createTestRun(database.db);
    await appendMetrics({
      db: database.db,
      runId,
      rows: [
        { step: 3, values: { a: 1, b: 5 } },
        { step: 1, values: { a: 2 } },
        { step: 3, values: { a: 7 } },
      ],
    });
    expect((await stored(runId, "a")).map((p) => [p.step, p.value])).toEqual([
      [1, 2],
      [3, 7],
    ]);
    expect((await stored(runId, "b")).map((p) => [p.step, p.value])).toEqual([[3, 5]]);
    expect(await summary(runId, "a")).toMatchObject({ count: 2, first_value: 2, last_value: 7, min_value: 2, max_value: 7 });
  });

  it("overwrites logged steps and recomputes an extreme the rewrite replaced", async () => {
    const { runId } = await createTestRun(database.db);
    await appendMetrics({ db: database.db, runId, rows: Array.from({ length: 10 }, (_, step) => ({ step, values: { loss: step === 4 ? 100 : step } })) });
    expect(await summary(runId, "loss")).toMatchObject({ max_value: 100 });

    const result = await appendMetrics({
      db: database.db,
      runId,
      rows: [
        { step: 4, values: { loss: 4 } },
        { step: 0, values: { loss: -1 } },
        { step: 12, values: { loss: 12 } },
      ],
    });
    expect(result).toEqual({ accepted: 3 });
    const points = await stored(runId, "loss");
    expect(points.map((p) => p.value)).toEqual([-1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12]);
    expect(await summary(runId, "loss")).toEqual({ count: 11, first_step: 0, first_value: -1, last_step: 12, last_value: 12, min_value: -1, max_value: 12 });
  });

  it("applies a batch id once: a replay changes nothing and says so", async () => {
    const { runId } = await createTestRun(database.db);
    const rows = [
      { step: 0, values: { loss: 1 } },
      { step: 1, values: { loss: 2 } },
    ];
    expect(await appendMetrics({ db: database.db, runId, rows, batchId: "b-1" })).toEqual({ accepted: 2 });
    const replay = [{ step: 0, values: { loss: 99 } }];
    expect(await appendMetrics({ db: database.db, runId, rows: replay, batchId: "b-1" })).toEqual({ accepted: 2, duplicate: true });
    expect((await stored(runId, "loss")).map((p) => p.value)).toEqual([1, 2]);
    expect(await summary(runId, "loss")).toMatchObject({ count: 2 });
  });

  it("accepts an empty batch without writing", async () => {
    const { runId } = await createTestRun(database.db);
    expect(await appendMetrics({ db: database.db, runId, rows: [] })).toEqual({ accepted: 0 });
    expect(await queryRows(database.db, sql`select 1 from metric_keys where run_id = ${runId}`)).toEqual([]);
  });

  it("keeps summaries equal to the stored rows through random appends, rewrites and a resume", async () => {
    const { runId, projectId } = await createTestRun(database.db);
    const next = random(12);
    const model = new Map<string, Map<number, number>>([
      ["a", new Map()],
      ["b", new Map()],
    ]);
    let head = 0;
    for (let batch = 0; batch < 12; batch++) {
      const rows: MetricRow[] = [];
      const rewrite = batch > 2 && next() < 0.4;
      for (let i = 0; i < 40; i++) {
        const step = rewrite ? Math.floor(next() * (head + 40)) : head + i;
        const r = next();
        const value = r < 0.05 ? Number.NaN : r < 0.08 ? Number.POSITIVE_INFINITY : r < 0.1 ? Number.NEGATIVE_INFINITY : Math.round((next() - 0.5) * 2000) / 8;
        const key = next() < 0.5 ? "a" : "b";
        rows.push({ step, values: { [key]: value }, time: batch });
        model.get(key)!.set(step, value);
      }
      head = Math.max(head, ...rows.map((r) => r.step + 1));
      await appendMetrics({ db: database.db, runId, rows });
      for (const [name, points] of model) {
        expect((await stored(runId, name)).map((p) => [p.step, p.value])).toEqual([...points].sort((x, y) => x[0] - y[0]));
        expect(await summary(runId, name)).toEqual(expectedSummary(points));
      }
    }
    // resume_from_step drops what was logged after it and recomputes every summary from what is left.
    const after = Math.floor(head / 2);
    await updateRun({ db: database.db, id: runId, projectId, input: { resume_from_step: after } });
    for (const [name, points] of model) {
      for (const step of points.keys()) if (step > after) points.delete(step);
      expect(await summary(runId, name)).toEqual(expectedSummary(points));
    }
  });
});
