// Property-based fuzzing of the ingest API over HTTP: runs, metrics (JSON and NDJSON), sequences and run updates
// get random, mutated and broken bodies. Each answer is a 2xx (the body was still valid) or a 4xx with an error
// body, never a 5xx; a rejected batch leaves no row behind. Cases per endpoint: PREFSCOPE_FUZZ_RUNS.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, newRun, type ApiResponse } from "./api-client";
import { describeOutcome, expectShares, fuzzEndpoint, keyHeaders } from "./fuzz-runner";
import { casesWithRuns, expectNoneOf, fuzzRuns, newFuzzProject, toJsonText } from "./fuzz-support";

const RUNS = fuzzRuns(700);
const TIMEOUT = 60_000 + RUNS * 120;

const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\u0000"));
const metricValue = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("NaN", "Infinity", "-Infinity"), fc.integer());
const wallTime = fc.oneof(
  fc.double({ min: 0, max: 4e9, noNaN: true }),
  fc.date({ min: new Date(0), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
);
const metricRow = fc.record(
  { step: fc.oneof(fc.nat(1000), fc.maxSafeNat()), values: fc.dictionary(name, metricValue, { minKeys: 1, maxKeys: 3 }), time: wallTime },
  { requiredKeys: ["step", "values"] },
);
const metricBatch = fc.record({ batch_id: fc.constant("b"), rows: fc.array(metricRow, { maxLength: 4 }) }, { requiredKeys: ["rows"] });

type MetricRowInput = { step: number; values: Record<string, unknown>; time?: unknown };
const tagRow = (row: MetricRowInput, id: number) => ({ ...row, values: Object.fromEntries(Object.entries(row.values).map(([k, v]) => [`c${id}.${k}`, v])) });

/** Every series name of a run, read a page at a time. */
async function seriesNames(runId: string, key: string): Promise<string[]> {
  const names: string[] = [];
  for (let offset: number | null = 0; offset !== null;) {
    const response: ApiResponse = await call("GET", `/api/v1/runs/${runId}/metrics?max_points=2&limit=500&offset=${offset}`, { key });
    expect(response.status).toBe(200);
    names.push(...(response.body.series as { key: string }[]).map((s) => s.key));
    offset = response.body.next_offset;
  }
  return names;
}

/** The case numbers whose rows are stored, read back from the run's series names (`c<case>.<name>`). */
async function casesWithMetrics(runId: string, key: string): Promise<Set<number>> {
  const ids = (await seriesNames(runId, key)).map((name) => /^c(\d+)\./.exec(name)?.[1]).filter((m) => m !== undefined);
  return new Set(ids.map(Number));
}

const logp = fc.oneof(fc.double({ min: -1e4, max: 0, noNaN: true }), fc.constantFrom("NaN", "-Infinity"));
const sequenceRow = fc.record(
  {
    step: fc.nat(9),
    pair_id: fc.oneof(name, fc.integer()),
    split: fc.constantFrom("train", "eval"),
    logp_chosen: logp,
    logp_rejected: logp,
    ref_logp_chosen: logp,
    ref_logp_rejected: logp,
    len_chosen: fc.option(fc.nat(10_000)),
    len_rejected: fc.nat(10_000),
    log_grad_chosen: fc.option(logp),
    log_grad_rejected: logp,
  },
  { requiredKeys: ["step", "pair_id", "logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected"] },
);
// Each case's rows sit at steps of its own, above anything a mutation could write by chance.
const STEP_BASE = 10_000_000;

const caseOfStep = (step: number) => (step >= STEP_BASE && step < STEP_BASE + 10 * RUNS ? Math.floor((step - STEP_BASE) / 10) : null);

async function casesWithSequences(runId: string, key: string): Promise<Set<number>> {
  const found = new Set<number>();
  for (const split of ["train", "eval"]) {
    const response = await call("GET", `/api/v1/runs/${runId}/sequences?split=${split}`, { key });
    expect(response.status).toBe(200);
    for (const step of response.body.steps as number[]) {
      const id = caseOfStep(step);
      if (id !== null) found.add(id);
    }
  }
  return found;
}

describe("fuzzing the ingest API", () => {
  let project: string;
  let key: string;
  let readKey: string;
  let foreignRunId: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-ingest"));
    readKey = (await newFuzzProject("", "read", project)).key;
    const other = await newFuzzProject("fuzz-other");
    foreignRunId = await newRun(other.project, other.key);
  });

  it("POST /api/v1/runs", { timeout: TIMEOUT }, async () => {
    const valid = fc.record(
      {
        project: fc.constant(""),
        name,
        id: fc.oneof({ weight: 5, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(foreignRunId) }),
        group: fc.option(name),
        algorithm: fc.option(fc.constantFrom("dpo", "ipo", "slic", "x")),
        config: fc.dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        tags: fc.array(name, { maxLength: 3 }),
      },
      { requiredKeys: ["project", "name"] },
    );
    const outcome = await fuzzEndpoint(
      { name: "POST runs", method: "POST", path: () => "/api/v1/runs", valid, render: (v, id) => ({ ...v, project, name: `c${id}-${v.name}` }), headers: keyHeaders(key, readKey) },
      RUNS,
    );
    console.log(describeOutcome("POST /api/v1/runs", outcome));
    expectShares("POST /api/v1/runs", outcome);
    const created = await casesWithRuns(project, key, /^c(\d+)-/);
    expectNoneOf(outcome.rejected, created, "POST runs");
  });

  it("POST /api/v1/runs/:id/metrics (JSON)", { timeout: TIMEOUT }, async () => {
    const runId = await newRun(project, key);
    const outcome = await fuzzEndpoint(
      {
        name: "POST metrics",
        method: "POST",
        path: () => `/api/v1/runs/${runId}/metrics`,
        valid: metricBatch,
        render: (v, id) => ({ ...v, ...(v.batch_id ? { batch_id: `c${id}` } : {}), rows: v.rows.map((r) => tagRow(r, id)) }),
        headers: keyHeaders(key, readKey),
      },
      RUNS,
    );
    console.log(describeOutcome("POST metrics (JSON)", outcome));
    expectShares("POST metrics (JSON)", outcome);
    const stored = await casesWithMetrics(runId, key);
    expectNoneOf(outcome.rejected, stored, "metrics JSON");
    expect(stored.size).toBeGreaterThan(0);
  });

  it("POST /api/v1/runs/:id/metrics (NDJSON)", { timeout: TIMEOUT }, async () => {
    const runId = await newRun(project, key);
    const outcome = await fuzzEndpoint(
      {
        name: "POST metrics NDJSON",
        method: "POST",
        path: (id) => `/api/v1/runs/${runId}/metrics?batch_id=c${id}`,
        contentType: "application/x-ndjson",
        valid: fc.array(metricRow, { maxLength: 4 }),
        render: (rows, id) => rows.map((r) => tagRow(r, id)),
        serialize: (value) => (Array.isArray(value) ? value.map((row) => toJsonText(row)).join("\n") : toJsonText(value)),
        headers: keyHeaders(key, readKey),
      },
      RUNS,
    );
    console.log(describeOutcome("POST metrics (NDJSON)", outcome));
    expectShares("POST metrics (NDJSON)", outcome);
    const stored = await casesWithMetrics(runId, key);
    expectNoneOf(outcome.rejected, stored, "metrics NDJSON");
    expect(stored.size).toBeGreaterThan(0);
  });

  it("POST /api/v1/runs/:id/sequences", { timeout: TIMEOUT }, async () => {
    const runId = await newRun(project, key);
    const valid = fc.record({ batch_id: fc.constant("b"), rows: fc.array(sequenceRow, { maxLength: 4 }) }, { requiredKeys: ["rows"] });
    const outcome = await fuzzEndpoint(
      {
        name: "POST sequences",
        method: "POST",
        path: () => `/api/v1/runs/${runId}/sequences`,
        valid,
        render: (v, id) => ({ ...v, ...(v.batch_id ? { batch_id: `c${id}` } : {}), rows: v.rows.map((r) => ({ ...r, step: STEP_BASE + id * 10 + r.step })) }),
        headers: keyHeaders(key, readKey),
      },
      RUNS,
    );
    console.log(describeOutcome("POST sequences", outcome));
    expectShares("POST sequences", outcome);
    const stored = await casesWithSequences(runId, key);
    expectNoneOf(outcome.rejected, stored, "sequences");
    expect(stored.size).toBeGreaterThan(0);
  });

  it("PATCH /api/v1/runs/:id", { timeout: TIMEOUT * 2 }, async () => {
    const runId = await newRun(project, key, { config: { beta: 0.1 }, tags: ["t"] });
    const state = async () => {
      const run = (await call("GET", `/api/v1/runs/${runId}`, { key })).body as Record<string, unknown>;
      return JSON.stringify([run.status, run.config, run.tags, run.summary, run.name, run.group, run.notes]);
    };
    let before = await state();
    const valid = fc.record(
      {
        status: fc.constantFrom("running", "finished", "failed"),
        config: fc.dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        tags: fc.array(name, { maxLength: 3 }),
        summary: fc.dictionary(name, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
        resume_from_step: fc.nat(100),
        name,
        group: fc.option(name, { nil: null }),
        notes: fc.string({ maxLength: 200 }).filter((s) => !s.includes("\u0000")),
      },
      { requiredKeys: [] },
    );
    const outcome = await fuzzEndpoint(
      {
        name: "PATCH run",
        method: "PATCH",
        path: () => `/api/v1/runs/${runId}`,
        valid,
        render: (v, id) => ({ ...v, config: { ...v.config, fuzz_case: id } }),
        headers: keyHeaders(key, readKey),
        after: async (id, accepted) => {
          const now = await state();
          if (!accepted) expect(now, `PATCH case ${id} was rejected but changed the run`).toBe(before);
          before = now;
        },
      },
      RUNS,
    );
    console.log(describeOutcome("PATCH /api/v1/runs/:id", outcome));
    expectShares("PATCH /api/v1/runs/:id", outcome);
  });
});
