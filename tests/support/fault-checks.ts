import { expect } from "vitest";
import type { DiagnosticFlag } from "@/lib/diagnostics";
import { expectedFlags, METRIC_KEYS, type ClientData } from "./fault-clients";

async function getJson<T = any>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A write key for a new project, asked for as the dashboard does (same-origin: local mode trusts it). */
export async function createProjectKey(url: string, project: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/projects/${project}/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: "{}",
  });
  if (response.status !== 201) throw new Error(`key creation failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes; never a fixed sleep. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

/** Rows of `key` the server holds for each run of a project (0 for a run it does not have yet). */
export async function storedCounts(url: string, project: string, runIds: string[], key = "loss"): Promise<number[]> {
  const body = await getJson<{ runs: { id: string; metrics: Record<string, { count: number }> }[] }>(
    `${url}/api/v1/runs?project=${project}&limit=1000&summary_keys=${encodeURIComponent(key)}`,
  );
  const byId = new Map(body.runs.map((r) => [r.id, r.metrics[key]?.count ?? 0]));
  return runIds.map((id) => byId.get(id) ?? 0);
}

/**
 * Everything the client sent is stored exactly once with its value: every metric point (the full series, its
 * running count, and the rollups' min and max), every per-pair row at every step. Returns the rows checked.
 */
export async function expectRunStored(url: string, runId: string, data: ClientData): Promise<number> {
  let checked = 0;
  const keys = METRIC_KEYS.map(encodeURIComponent).join(",");
  const full = await getJson(`${url}/api/v1/runs/${runId}/metrics?keys=${keys}&max_points=100000`);
  const sampled = await getJson(`${url}/api/v1/runs/${runId}/metrics?keys=${keys}&max_points=40`);
  for (const name of METRIC_KEYS) {
    const expected = data.metrics.map((r) => [r.step, r.values[name]]);
    const series = full.series.find((s: { key: string }) => s.key === name);
    expect(series, `${runId} ${name}`).toBeDefined();
    expect(series.total, `${runId} ${name} total`).toBe(expected.length);
    expect(
      series.points.map((p: { step: number; value: number }) => [p.step, p.value]),
      `${runId} ${name}`,
    ).toEqual(expected);
    const values = expected.map(([, v]) => v as number);
    const coarse = sampled.series.find((s: { key: string }) => s.key === name).points.map((p: { value: number }) => p.value);
    expect([Math.min(...coarse), Math.max(...coarse)], `${runId} ${name} rollups`).toEqual([Math.min(...values), Math.max(...values)]);
    checked += expected.length;
  }
  const summary = await getJson(`${url}/api/v1/runs?project=${(await getJson(`${url}/api/v1/runs/${runId}`)).project}&limit=1000&summary_keys=${keys}`);
  const listed = summary.runs.find((r: { id: string }) => r.id === runId);
  for (const name of METRIC_KEYS) expect(listed.metrics[name].count, `${runId} ${name} count`).toBe(data.metrics.length);

  const steps = [...new Set(data.sequences.map((r) => r.step))];
  for (const step of steps) {
    const body = await getJson(`${url}/api/v1/runs/${runId}/sequences?step=${step}`);
    if (step === steps[0]) expect(body.steps, `${runId} sequence steps`).toEqual(steps);
    const pick = (r: Record<string, unknown>) => [r.pair_id, r.logp_chosen, r.logp_rejected, r.ref_logp_chosen, r.ref_logp_rejected, r.len_chosen, r.len_rejected];
    const expected = data.sequences.filter((r) => r.step === step).map(pick);
    expect(body.rows.map(pick), `${runId} pairs at step ${step}`).toEqual(expected);
    checked += expected.length;
  }
  return checked;
}

function sameFlags(actual: DiagnosticFlag[], expected: DiagnosticFlag[], label: string): void {
  const head = (flags: DiagnosticFlag[]) => flags.map((f) => [f.property, f.severity, f.first_step]);
  expect(head(actual), label).toEqual(head(expected));
  actual.forEach((flag, i) => {
    for (const [name, value] of Object.entries(expected[i]!.evidence)) {
      if (typeof value === "number") expect(flag.evidence[name], `${label} ${flag.property}.${name}`).toBeCloseTo(value, 9);
      else expect(flag.evidence[name], `${label} ${flag.property}.${name}`).toEqual(value);
    }
  });
}

/**
 * Waits until the run is finished and its stored flags were computed after its last write, then checks them
 * against the flags computed here from the data the client sent, and against a recomputation on the server.
 */
export async function expectFlagsCurrent(url: string, runId: string, data: ClientData, timeoutMs = 20_000): Promise<DiagnosticFlag[]> {
  const run = await waitFor(`flags of run ${runId} recomputed after its last write`, timeoutMs, async () => {
    const r = await getJson(`${url}/api/v1/runs/${runId}`);
    return r.status === "finished" && r.flags_current ? r : undefined;
  });
  const expected = expectedFlags(data);
  if (data.flagged) expect(expected.length, `${data.name} should be flagged`).toBeGreaterThan(0);
  else expect(expected, `${data.name} should not be flagged`).toEqual([]);
  sameFlags(run.flags, expected, `${runId} stored flags`);
  sameFlags((await getJson(`${url}/api/v1/runs/${runId}/diagnostics`)).flags, expected, `${runId} recomputed flags`);
  return run.flags;
}
