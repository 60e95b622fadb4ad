import { describe, expect, it } from "vitest";
import { call, newProject, newRun, readSeries } from "./api-client";

// Ingest writes a batch that only appends past each key's last step with a plain INSERT and folds it into the
// rollups; a batch reaching back to logged steps goes through INSERT … ON CONFLICT, an UPDATE and a rollup
// recomputation. Both must leave the same rows, rollups and series summaries.

const KEYS = ["loss", "rewards/margins", "logps/rejected"];
const special: Record<number, string> = { 7: "NaN", 640: "Infinity", 1500: "-Infinity", 2222: "NaN" };
const value = (k: number, step: number) => special[step] ?? Math.sin(step / 97 + k) * (k + 1);
const row = (step: number) => ({ step, time: 1.7e9 + step, values: Object.fromEntries(KEYS.map((name, k) => [name, value(k, step)])) });
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => row(from + i));

async function post(run: string, key: string, body: unknown) {
  const response = await call("POST", `/api/v1/runs/${run}/metrics`, { key, body });
  expect(response.status).toBe(200);
}

async function stored(run: string, key: string) {
  const out: Record<string, unknown> = {};
  for (const name of KEYS) {
    const exact = await readSeries(run, name, "&max_points=100000");
    const rolled = await readSeries(run, name, "&max_points=40");
    expect(rolled.sampled).toBe(true);
    out[name] = { exact: exact.points.map((p) => [p.step, p.value]), total: exact.total, rolled: rolled.points };
  }
  const listed = await call("GET", `/api/v1/runs?summary_keys=${encodeURIComponent(KEYS.join(","))}`, { key });
  const summary = listed.body.runs.find((r: { id: string }) => r.id === run).metrics;
  expect(Object.keys(summary).sort()).toEqual([...KEYS].sort());
  return { series: out, summary };
}

describe("append-only and rewriting batches", () => {
  it("store the same rows, rollups and summaries", async () => {
    const { project, key } = await newProject();
    const appended = await newRun(project, key);
    for (let from = 0; from < 3000; from += 1000) await post(appended, key, { rows: rows(from, from + 1000) });

    const rewritten = await newRun(project, key);
    await post(rewritten, key, { rows: rows(1000, 3000) });
    // Reaches back over logged steps (same values) and names one (key, step) twice: the later row wins.
    const early = rows(0, 2000);
    early.splice(10, 0, { step: 1500, time: 1, values: { loss: 123 } } as ReturnType<typeof row>);
    await post(rewritten, key, { rows: early });

    const a = await stored(appended, key);
    const b = await stored(rewritten, key);
    expect((a.series.loss as { total: number }).total).toBe(3000);
    expect(b).toEqual(a);
  });

  it("after resume_from_step, append to what is left like a fresh run", async () => {
    const { project, key } = await newProject();
    const resumed = await newRun(project, key);
    await post(resumed, key, { rows: rows(0, 2000) });
    await call("PATCH", `/api/v1/runs/${resumed}`, { key, body: { resume_from_step: 999 } });
    await post(resumed, key, { rows: rows(1000, 3000) });

    const fresh = await newRun(project, key);
    await post(fresh, key, { rows: rows(0, 3000) });
    expect(await stored(resumed, key)).toEqual(await stored(fresh, key));
  });

  it("store the same per-pair rows, a later row in a batch winning", async () => {
    const { project, key } = await newProject();
    const pair = (step: number, p: number) => ({
      step,
      pair_id: p === 2 ? 'q"2, \\{NULL}' : `p${p}`,
      split: "train",
      logp_chosen: -step - p,
      logp_rejected: -2 * step,
      ref_logp_chosen: -1,
      ref_logp_rejected: p % 2 ? "NaN" : -1,
      len_chosen: p,
    });
    const pairs = (from: number, to: number) => Array.from({ length: (to - from) * 3 }, (_, i) => pair(from + Math.floor(i / 3), i % 3));
    const post = async (run: string, rows: unknown[]) => expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows } })).status).toBe(200);
    const appended = await newRun(project, key);
    await post(appended, pairs(0, 3));
    await post(appended, pairs(3, 6));
    const rewritten = await newRun(project, key);
    await post(rewritten, pairs(3, 6));
    await post(rewritten, [{ ...pair(4, 1), logp_chosen: 99 }, ...pairs(0, 6)]);
    for (let step = 0; step < 6; step++) {
      const read = async (run: string) => (await call("GET", `/api/v1/runs/${run}/sequences?step=${step}`)).body;
      expect(await read(rewritten)).toEqual(await read(appended));
    }
    const atOne = (await call("GET", `/api/v1/runs/${appended}/sequences?step=1`)).body.rows;
    expect(atOne.map((r: { pair_id: string }) => r.pair_id).sort()).toEqual(["p0", "p1", 'q"2, \\{NULL}'].sort());
  });
});
