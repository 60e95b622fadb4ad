// A series' summary (count, first, last, min, max) must follow rewrites of logged steps, wherever it is read:
// the runs list, the runs table and the `metric.x.<aggregate>` filters.
import { describe, expect, it } from "vitest";
import { call, newProject, newRun } from "./api-client";

const steps = (from: number, to: number, value: (step: number) => number) => Array.from({ length: to - from + 1 }, (_, i) => ({ step: from + i, values: { x: value(from + i) } }));

async function log(runId: string, key: string, rows: unknown[]) {
  expect(await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows } })).toMatchObject({ status: 200 });
}

/** The summary of `x` as the runs list, the runs table and the filters see it. */
async function summaryEverywhere(project: string, runId: string) {
  const listed = await call("GET", `/api/v1/runs?project=${project}&summary_keys=x`);
  const run = listed.body.runs.find((r: { id: string }) => r.id === runId);
  const table = await call("GET", `/api/v1/projects/${project}/runs-table?metrics=x.first,x.last,x.min,x.max`);
  const row = table.body.runs.find((r: { id: string }) => r.id === runId);
  return { list: run.metrics.x, table: row.metrics.x };
}

async function matches(project: string, q: string): Promise<number> {
  const response = await call("GET", `/api/v1/runs?project=${project}&q=${encodeURIComponent(q)}`);
  expect(response.status, q).toBe(200);
  return response.body.runs.length;
}

describe("series summaries after a rewrite of logged steps", () => {
  it("lowers max when the step that held it is rewritten lower", async () => {
    const { project, key } = await newProject("summ");
    const runId = await newRun(project, key);
    await log(
      runId,
      key,
      steps(1, 100, (s) => (s === 50 ? 1000 : s)),
    );
    expect((await summaryEverywhere(project, runId)).list.max).toBe(1000);
    await log(runId, key, [{ step: 50, values: { x: 50 } }]);
    const { list, table } = await summaryEverywhere(project, runId);
    expect(list).toMatchObject({ first: 1, last: 100, min: 1, max: 100, count: 100, last_step: 100 });
    expect(table).toEqual({ first: 1, last: 100, min: 1, max: 100 });
    expect(await matches(project, "metric.x.max < 500")).toBe(1);
    expect(await matches(project, "metric.x.max > 500")).toBe(0);
  });

  it("raises min when the step that held it is rewritten higher, in a batch that also appends", async () => {
    const { project, key } = await newProject("summ");
    const runId = await newRun(project, key);
    await log(
      runId,
      key,
      steps(1, 100, (s) => (s === 7 ? -1000 : s)),
    );
    await log(runId, key, [
      { step: 7, values: { x: 7 } },
      { step: 101, values: { x: 101 } },
    ]);
    const { list, table } = await summaryEverywhere(project, runId);
    expect(list).toMatchObject({ first: 1, last: 101, min: 1, max: 101, count: 101 });
    expect(table).toEqual({ first: 1, last: 101, min: 1, max: 101 });
    expect(await matches(project, "metric.x.min >= 1")).toBe(1);
    expect(await matches(project, "metric.x.min < 0")).toBe(0);
  });

  it("follows rewrites of the first and the last step, and a rewrite to NaN of the only extreme", async () => {
    const { project, key } = await newProject("summ");
    const runId = await newRun(project, key);
    await log(
      runId,
      key,
      steps(1, 100, (s) => (s === 100 ? 5000 : s)),
    );
    await log(runId, key, [
      { step: 1, values: { x: -3 } },
      { step: 100, values: { x: "NaN" } },
    ]);
    const { list, table } = await summaryEverywhere(project, runId);
    expect(list).toMatchObject({ first: -3, last: "NaN", min: -3, max: 99, count: 100 });
    expect(table).toEqual({ first: -3, last: "NaN", min: -3, max: 99 });
    expect(await matches(project, "metric.x.max = 99")).toBe(1);
    expect(await matches(project, "metric.x.last = NaN")).toBe(1);
  });

  it("leaves keys the batch only appended to alone, and recomputes them after resume_from_step", async () => {
    const { project, key } = await newProject("summ");
    const runId = await newRun(project, key);
    await log(
      runId,
      key,
      steps(1, 100, (s) => (s === 90 ? 1000 : s)),
    );
    await call("PATCH", `/api/v1/runs/${runId}`, { key, body: { resume_from_step: 80 } });
    expect((await summaryEverywhere(project, runId)).list).toMatchObject({ last: 80, max: 80, count: 80 });
    await log(
      runId,
      key,
      steps(81, 85, (s) => -s),
    );
    const { list, table } = await summaryEverywhere(project, runId);
    expect(list).toMatchObject({ first: 1, last: -85, min: -85, max: 80, count: 85, last_step: 85 });
    expect(table).toEqual({ first: 1, last: -85, min: -85, max: 80 });
    expect(await matches(project, "metric.x.max < 500 AND metric.x.last < 0")).toBe(1);
  });
});
