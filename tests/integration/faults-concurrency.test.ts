import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createProjectKey } from "../support/fault-checks";
import { baseUrl, readSeries } from "./api-client";

// Fault: two writers (two HTTP clients, as two trainer processes resuming the same run would be) write the same
// steps of the same run at the same moment, with different values, in opposite row orders.
const ROUNDS = 30;
const STEPS_PER_ROUND = 8;
const PAIRS = 200;
const pairIds = Array.from({ length: PAIRS }, (_, p) => p);

async function post(path: string, key: string, body: unknown, method = "POST") {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const pairRow = (step: number, pair: number, value: number) => ({
  step,
  pair_id: `p${pair}`,
  logp_chosen: value,
  logp_rejected: -value,
  ref_logp_chosen: -1,
  ref_logp_rejected: -2,
});

describe("two writers to the same run and step", () => {
  it("concurrently: no error, one row per step holding one of the written values; sequentially: the later wins", async () => {
    const project = `faults-race-${randomUUID().slice(0, 8)}`;
    const key = await createProjectKey(baseUrl(), project);
    const created = await post("/api/v1/runs", key, { project, name: "two-writers" });
    expect(created.status).toBe(201);
    const runId = created.body.id as string;
    const writers = [
      { value: (step: number) => 1000 + step, order: (rows: unknown[]) => rows },
      { value: (step: number) => -(1000 + step), order: (rows: unknown[]) => [...rows].reverse() },
    ];

    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const steps = Array.from({ length: STEPS_PER_ROUND }, (_, i) => round * STEPS_PER_ROUND + i);
      const answers = await Promise.all(
        writers.flatMap((w, n) => [
          post(`/api/v1/runs/${runId}/metrics`, key, { batch_id: `m-${round}-${n}`, rows: w.order(steps.map((step) => ({ step, values: { v: w.value(step) } }))) }),
          post(`/api/v1/runs/${runId}/sequences`, key, { batch_id: `s-${round}-${n}`, rows: w.order(pairIds.map((p) => pairRow(round, p, w.value(round)))) }),
        ]),
      );
      for (const a of answers) if (a.status !== 200) failures.push(`round ${round}: ${a.status} ${JSON.stringify(a.body)}`);
    }
    expect(failures).toEqual([]);

    const total = ROUNDS * STEPS_PER_ROUND;
    const series = await readSeries(runId, "v", "&max_points=100000");
    expect(series.total).toBe(total);
    expect(series.points.map((p) => p.step)).toEqual(Array.from({ length: total }, (_, i) => i));
    for (const p of series.points) expect([1000 + p.step, -(1000 + p.step)]).toContain(p.value);
    // The running summary and the rollups agree with the rows the race left behind.
    const listed = await (await fetch(`${baseUrl()}/api/v1/runs?project=${project}&summary_keys=v`)).json();
    const last = series.points.at(-1)!;
    expect(listed.runs[0].metrics.v).toMatchObject({ count: total, last: last.value, last_step: last.step });
    const coarse = (await readSeries(runId, "v", "&max_points=20")).points.map((p) => p.value as number);
    const values = series.points.map((p) => p.value as number);
    expect([Math.min(...coarse), Math.max(...coarse)]).toEqual([Math.min(...values), Math.max(...values)]);
    for (const round of [0, ROUNDS - 1]) {
      const pairs = (await (await fetch(`${baseUrl()}/api/v1/runs/${runId}/sequences?step=${round}`)).json()).rows;
      expect(pairs.map((r: { pair_id: string }) => r.pair_id).sort()).toEqual(pairIds.map((p) => `p${p}`).sort());
      for (const r of pairs) expect([1000 + round, -(1000 + round)]).toContain(r.logp_chosen);
    }

    // One after the other, the later write wins, whichever writer it is.
    for (const [n, value] of [
      [0, 7],
      [1, 8],
      [0, 9],
    ] as const) {
      expect((await post(`/api/v1/runs/${runId}/metrics`, key, { batch_id: `seq-${n}-${value}`, rows: [{ step: 5, values: { v: value } }] })).status).toBe(200);
      expect((await post(`/api/v1/runs/${runId}/sequences`, key, { batch_id: `seqp-${n}-${value}`, rows: [pairRow(5, 0, value)] })).status).toBe(200);
      expect((await readSeries(runId, "v", "&from=5&to=5")).points.map((p) => p.value)).toEqual([value]);
      const pairs = (await (await fetch(`${baseUrl()}/api/v1/runs/${runId}/sequences?step=5`)).json()).rows;
      expect(pairs.find((r: { pair_id: string }) => r.pair_id === "p0").logp_chosen).toBe(value);
    }
  }, 60_000);
});
