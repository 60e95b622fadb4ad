import { describe, expect, it } from "vitest";
import { baseUrl, call, newProject, newRun, readSeries } from "./api-client";

describe("GET /api/v1/runs/:id/metrics downsampling", () => {
  it("returns at most max_points, keeps every spike, and counts every raw point", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const spikes: Record<number, number | string> = { 777: -500, 12_345: 1000, 15_000: "NaN" };
    const rows = Array.from({ length: 20_000 }, (_, step) => ({ step, values: { loss: spikes[step] ?? Math.sin(step / 100) } }));
    expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } })).body.accepted).toBe(20_000);
    const series = await readSeries(run, "loss", "&max_points=200");
    expect(series.sampled).toBe(true);
    expect(series.total).toBe(20_000);
    expect(series.points.length).toBeLessThanOrEqual(200);
    const values = series.points.map((p) => p.value);
    expect(values).toContain(1000);
    expect(values).toContain(-500);
    expect(values).toContain("NaN");
    const steps = series.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const buckets = new Map<number, number>();
    for (const p of series.points) buckets.set(p.bucket!, p.count);
    expect([...buckets.values()].reduce((a, b) => a + b, 0)).toBe(20_000);
  });

  it("serves the whole series from the rollup, which rewrites and resume_from_step keep exact", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = Array.from({ length: 30_000 }, (_, step) => ({ step, values: { a: Math.cos(step / 700) } }));
    for (let i = 0; i < rows.length; i += 10_000) await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: rows.slice(i, i + 10_000) } });
    // A rewrite lowers one bucket's max and plants a spike elsewhere; the rollup must follow both.
    await call("POST", `/api/v1/runs/${run}/metrics`, {
      key,
      body: {
        rows: [
          { step: 0, values: { a: -7 } },
          { step: 12_345, values: { a: 42 } },
        ],
      },
    });
    const series = await readSeries(run, "a", "&max_points=400");
    expect(series.sampled).toBe(true);
    expect(series.points.length).toBeLessThanOrEqual(400);
    const values = series.points.map((p) => p.value);
    expect(values).toContain(42);
    expect(values).toContain(-7);
    expect(values).not.toContain(1);
    const counts = new Map<number, number>();
    for (const p of series.points) counts.set(p.bucket!, p.count);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(30_000);
    await call("PATCH", `/api/v1/runs/${run}`, { key, body: { resume_from_step: 9_999 } });
    const resumed = await readSeries(run, "a", "&max_points=400");
    expect(resumed.total).toBe(10_000);
    expect(resumed.points.map((p) => p.value)).not.toContain(42);
    expect(Math.max(...resumed.points.map((p) => p.step))).toBeLessThanOrEqual(9_999);
  });

  it("folds appended batches into the rollup exactly as a rebuild from the rows would", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const special: Record<number, string> = { 5: "NaN", 777: "Infinity", 4100: "-Infinity", 9000: "NaN" };
    const rows = Array.from({ length: 12_000 }, (_, step) => ({ step, values: { a: special[step] ?? ((step * 7919) % 1000) / 10 } }));
    for (let i = 0; i < rows.length; i += 700) await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: rows.slice(i, i + 700) } });
    const merged = await readSeries(run, "a", "&max_points=300");
    await call("PATCH", `/api/v1/runs/${run}`, { key, body: { resume_from_step: 11_999 } });
    const rebuilt = await readSeries(run, "a", "&max_points=300");
    expect(merged.sampled).toBe(true);
    expect(merged.points).toEqual(rebuilt.points);
    expect(merged.points.map((p) => p.value)).toEqual(expect.arrayContaining(["NaN", "Infinity", "-Infinity", 99.9, 0]));
  });

  it("returns exact points when a zoomed range holds few enough", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = Array.from({ length: 5_000 }, (_, step) => ({ step, values: { a: step * 2 } }));
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } });
    const zoomed = await readSeries(run, "a", "&max_points=500&from=100&to=299");
    expect(zoomed.sampled).toBe(false);
    expect(zoomed.total).toBe(200);
    expect(zoomed.points.map((p) => p.value)).toEqual(Array.from({ length: 200 }, (_, i) => (100 + i) * 2));
    expect((await call("GET", `/api/v1/runs/${run}/metrics?keys=nope`)).status).toBe(404);
  });

  it("reads a page of series together exactly as each one alone: short and rolled-up, whole and over a range", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    // `long` outgrows max_points (rollup), `short` fits, `sparse` misses most steps, `odd` holds non-finite values.
    const rows = Array.from({ length: 3_000 }, (_, step) => ({
      step,
      values: {
        long: Math.sin(step / 40) * step,
        ...(step < 300 ? { short: step / 7 } : {}),
        ...(step % 500 === 3 ? { sparse: -step } : {}),
        ...(step < 20 ? { odd: step === 4 ? "NaN" : step === 9 ? "-Infinity" : step } : {}),
      },
    }));
    expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } })).body.accepted).toBe(3_000);
    const names = ["long", "odd", "short", "sparse"];
    for (const query of ["&max_points=400", "&max_points=400&from=2&to=1503", "&max_points=400&from=2990&to=5000"]) {
      const alone = await Promise.all(names.map((name) => readSeries(run, name, query)));
      const page = await call("GET", `/api/v1/runs/${run}/metrics?keys=${names.join(",")}${query}`);
      expect(page.status).toBe(200);
      expect(page.body.series).toEqual(alone);
      if (!query.includes("from")) {
        const listed = await call("GET", `/api/v1/runs/${run}/metrics?limit=10&offset=0${query}`);
        expect(listed.body.series).toEqual(alone);
      }
    }
    const whole = await readSeries(run, "long", "&max_points=400");
    expect([whole.sampled, whole.total]).toEqual([true, 3_000]);
    expect(await readSeries(run, "odd", "&max_points=400")).toMatchObject({ sampled: false, total: 20 });
    expect((await readSeries(run, "odd", "&max_points=400")).points.map((p) => p.value).slice(3, 10)).toEqual([3, "NaN", 5, 6, 7, 8, "-Infinity"]);
    const ranged = await readSeries(run, "sparse", "&max_points=400&from=2&to=1503");
    expect(ranged.points.map((p) => [p.step, p.value])).toEqual([
      [3, -3],
      [503, -503],
      [1003, -1003],
      [1503, -1503],
    ]);
  });
});

describe("GET /api/v1/runs/:id/metrics/csv", () => {
  it("exports every logged point exactly, past the page size, with non-finite values by name", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key, { name: "csv run" });
    const rows = Array.from({ length: 60_000 }, (_, step) => ({ step, time: 1e9 + step, values: { a: step === 7 ? "NaN" : step / 3 } }));
    for (let i = 0; i < rows.length; i += 20_000) await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: rows.slice(i, i + 20_000) } });
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 0, values: { 'b "c"': 1 } }] } });
    const response = await fetch(`${baseUrl()}/api/v1/runs/${run}/metrics/csv?keys=a,${encodeURIComponent('b "c"')}`);
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    expect(response.headers.get("content-disposition")).toContain("csv_run-metrics.csv");
    const lines = (await response.text()).trimEnd().split("\n");
    expect(lines[0]).toBe("key,step,value,wall_time");
    expect(lines).toHaveLength(1 + 60_000 + 1);
    expect(lines[1]).toBe("a,0,0,1000000000");
    expect(lines[8]).toBe("a,7,NaN,1000000007");
    expect(Number(lines[60_000]!.split(",")[2])).toBe(59_999 / 3);
    expect(lines.at(-1)).toMatch(/^"b ""c""",0,1,/);
    expect((await fetch(`${baseUrl()}/api/v1/runs/${run}/metrics/csv?keys=nope`)).status).toBe(404);
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 0, values: { "x,y": 5 } }] } });
    const comma = await call("GET", `/api/v1/runs/${run}/metrics?key=${encodeURIComponent("x,y")}`);
    expect(comma.body.series.map((s: { key: string }) => s.key)).toEqual(["x,y"]);
  });
});

describe("sequences", () => {
  const pair = (step: number, pair_id: string | number, extra: Record<string, unknown> = {}) => ({
    step,
    pair_id,
    logp_chosen: -10.5,
    logp_rejected: -12.25,
    ref_logp_chosen: -10,
    ref_logp_rejected: -11,
    len_chosen: 5,
    len_rejected: 6,
    ...extra,
  });

  it("stores per-pair log-probs and reads them back at a step", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = [pair(0, "a"), pair(0, "b", { log_grad_chosen: 3.5, log_grad_rejected: "Infinity" }), pair(10, "a"), pair(10, 7, { split: "eval" })];
    expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { batch_id: "s1", rows } })).body).toEqual({ accepted: 4 });
    expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { batch_id: "s1", rows } })).body.duplicate).toBe(true);
    const latest = await call("GET", `/api/v1/runs/${run}/sequences`);
    expect(latest.body).toMatchObject({ step: 10, split: "train", steps: [0, 10] });
    expect(latest.body.rows).toHaveLength(1);
    const first = await call("GET", `/api/v1/runs/${run}/sequences?step=0`);
    expect(first.body.rows[1]).toMatchObject({ pair_id: "b", logp_chosen: -10.5, log_grad_chosen: 3.5, log_grad_rejected: "Infinity", len_rejected: 6 });
    const evalRows = await call("GET", `/api/v1/runs/${run}/sequences?split=eval`);
    expect(evalRows.body.rows.map((r: { pair_id: string }) => r.pair_id)).toEqual(["7"]);
  });

  it("rejects the whole batch when one pair lacks a log-prob", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const incomplete: Record<string, unknown> = pair(1, "c");
    delete incomplete.ref_logp_rejected;
    const response = await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: [pair(1, "a"), incomplete] } });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(["rows", 1, "ref_logp_rejected"]);
    expect((await call("GET", `/api/v1/runs/${run}/sequences`)).body.rows).toEqual([]);
  });
});
