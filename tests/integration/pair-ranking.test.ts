// GET /api/v1/runs/:id/pairs and /pairs/:pair_id: the ranking, quadrant and text filters and the measures equal an
// independent computation here (lib/diagnostics' own functions over the rows sent), NaN and ±Infinity included.
import { describe, expect, it } from "vitest";
import { call, newProject, newRun } from "./api-client";
import { logAddExp, resolveLossParams, resolvePairLogGradients, type SequenceRow } from "@/lib/diagnostics";
import { createMulberry32 } from "@/lib/toy-model/prng";
import { decodeNumber, encodeNumber } from "@/lib/core/validation/wire-numbers";

type Row = SequenceRow;
const SORTS = ["d_chosen", "d_rejected", "leaked", "margin", "grad_ratio"] as const;
const QUADRANTS = ["both_down", "chosen_up_rejected_down", "both_up", "chosen_down_rejected_up"] as const;

function makeRows(pairs: number, steps: number[], seed: number): Row[] {
  const rnd = createMulberry32(seed); // deterministic, so a failure reproduces
  const odd = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  return steps.flatMap((step) =>
    Array.from({ length: pairs }, (_, i) => {
      const v = () => -20 - 30 * rnd();
      const row: Row = {
        step,
        split: "train",
        pair_id: `pair-${String(i).padStart(3, "0")}`,
        logp_chosen: v(),
        logp_rejected: v(),
        ref_logp_chosen: v(),
        ref_logp_rejected: v(),
        len_chosen: i % 4 === 0 ? null : 5 + Math.floor(rnd() * 50),
        len_rejected: i % 5 === 0 ? null : 5 + Math.floor(rnd() * 50),
        log_grad_chosen: i % 7 === 0 ? -3 * rnd() : null,
        log_grad_rejected: i % 7 === 0 || i % 11 === 0 ? -3 * rnd() : null,
      };
      if (i % 13 === 5) row.logp_chosen = odd[i % 3]!;
      if (i % 17 === 3) row.logp_rejected = odd[(i + 1) % 3]!;
      if (i === 8) row.logp_chosen = row.ref_logp_chosen; // Δ = 0 counts as up
      return row;
    }),
  );
}

const wire = (r: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? encodeNumber(v) : v]));
const num = (v: unknown) => decodeNumber(v as number | string) ?? Number.NaN;

function measures(row: Row, algorithm: string, config: Record<string, unknown>) {
  const g = resolvePairLogGradients(resolveLossParams(algorithm, config), row);
  const d_chosen = row.logp_chosen - row.ref_logp_chosen;
  const d_rejected = row.logp_rejected - row.ref_logp_rejected;
  const leaked = logAddExp(row.logp_chosen, row.logp_rejected) - logAddExp(row.ref_logp_chosen, row.ref_logp_rejected);
  return { d_chosen, d_rejected, leaked, margin: d_chosen - d_rejected, grad_ratio: g.rejected - g.chosen };
}

function inQuadrant(m: { d_chosen: number; d_rejected: number }, quadrant: (typeof QUADRANTS)[number]): boolean {
  const [c, r] = [m.d_chosen, m.d_rejected];
  if (!Number.isFinite(c) || !Number.isFinite(r)) return false;
  return { both_down: c < 0 && r < 0, chosen_up_rejected_down: c >= 0 && r < 0, both_up: c >= 0 && r >= 0, chosen_down_rejected_up: c < 0 && r >= 0 }[quadrant];
}

function expectSame(actual: number, expected: number, what: string) {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) expect(actual, what).toBe(expected);
  else expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

async function seed(algorithm: string, config: Record<string, unknown>, pairs = 60, seedValue = 1) {
  const { project, key } = await newProject("pairs");
  const run = await newRun(project, key, { algorithm, config });
  const rows = makeRows(pairs, [0, 10, 20], seedValue);
  const sent = await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: rows.map(wire) } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return { run, key, rows };
}

const CASES: [string, Record<string, unknown>][] = [
  ["dpo", { beta: 0.1 }],
  ["flex_dpo", { beta_w: 0.2, beta_l: 0.05 }],
  ["dpo_sft", { beta: 0.1, alpha: 0.5 }],
  ["ipo", { tau: 0.1 }],
  ["slic", { delta: 1, lambda: 0.1 }],
  ["orpo", {}],
];

describe("GET /api/v1/runs/:id/pairs", () => {
  it.each(CASES)("%s: every measure equals the diagnostics' own per-pair computation", async (algorithm, config) => {
    const { run, rows } = await seed(algorithm, config);
    const page = await call("GET", `/api/v1/runs/${run}/pairs?step=10&limit=500`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({ step: 10, split: "train", steps: [0, 10, 20], total: 60, sort: "d_chosen", order: "asc" });
    const byId = new Map(rows.filter((r) => r.step === 10).map((r) => [r.pair_id, r]));
    for (const got of page.body.rows) {
      const expected = measures(byId.get(got.pair_id)!, algorithm, config);
      for (const key of SORTS) expectSame(num(got[key]), expected[key], `${got.pair_id} ${key}`);
      expect(got.texts).toBeNull();
    }
  });

  it("ranks, filters by quadrant and text, and pages exactly as a sort over the rows does", async () => {
    const config = { beta: 0.1 };
    const { run, key, rows } = await seed("dpo", config, 80, 7);
    const texts = rows
      .filter((r) => r.step === 0 && Number(r.pair_id.slice(5)) % 3 === 0)
      .map((r) => ({
        pair_id: r.pair_id,
        prompt: `Question ${r.pair_id}`,
        chosen: Number(r.pair_id.slice(5)) % 2 ? "A Kettle of fish" : "tea",
        // LIKE's own characters, which a search must match as themselves.
        rejected: Number(r.pair_id.slice(5)) % 4 === 0 ? "no: 100% sure_ish, C:\\Tea" : "no",
      }));
    expect((await call("POST", `/api/v1/runs/${run}/pairs`, { key, body: { pairs: texts } })).body).toEqual({ stored: texts.length });
    const atStep = rows.filter((r) => r.step === 20).map((r) => ({ id: r.pair_id, m: measures(r, "dpo", config) }));
    const textOf = new Map(texts.map((t) => [t.pair_id, t]));
    const filters = [
      { quadrant: undefined, q: undefined },
      ...QUADRANTS.map((quadrant) => ({ quadrant, q: undefined })),
      { quadrant: undefined, q: "KETTLE" },
      { quadrant: "both_down" as const, q: "pair-0" },
      // The prompt only (no pair id holds "question "), the rejected text only, and a query no text holds.
      { quadrant: undefined, q: "qUESTION PAIR-01" },
      { quadrant: undefined, q: "NO" },
      { quadrant: undefined, q: "kettle of tea" },
      { quadrant: undefined, q: "%" },
      { quadrant: undefined, q: "0% S" },
      { quadrant: undefined, q: "_" },
      { quadrant: undefined, q: "\\t" },
      { quadrant: undefined, q: "sure%ish" },
    ];
    for (const sort of SORTS) {
      for (const order of ["asc", "desc"] as const) {
        for (const { quadrant, q } of filters) {
          const matches = (x: { id: string }) => {
            if (!q) return true;
            const t = textOf.get(x.id);
            return [x.id, t?.prompt, t?.chosen, t?.rejected].some((s) => s?.toLowerCase().includes(q.toLowerCase()));
          };
          const expected = atStep
            .filter((x) => (!quadrant || inQuadrant(x.m, quadrant)) && matches(x))
            .sort((a, b) => {
              const [va, vb] = [a.m[sort], b.m[sort]];
              if (Number.isNaN(va) !== Number.isNaN(vb)) return Number.isNaN(va) ? 1 : -1;
              if (va !== vb && !Number.isNaN(va)) return (order === "asc" ? 1 : -1) * (va < vb ? -1 : 1);
              return a.id < b.id ? -1 : 1;
            })
            .map((x) => x.id);
          const params = new URLSearchParams({ sort, order, limit: "7", offset: "3" });
          if (quadrant) params.set("quadrant", quadrant);
          if (q) params.set("q", q);
          const page = await call("GET", `/api/v1/runs/${run}/pairs?${params}`);
          const what = `${params}`;
          expect(page.status, what).toBe(200);
          expect(page.body.total, what).toBe(expected.length);
          expect(page.body.step, what).toBe(20);
          expect(
            page.body.rows.map((r: { pair_id: string }) => r.pair_id),
            what,
          ).toEqual(expected.slice(3, 10));
          for (const r of page.body.rows)
            expect(r.texts, what).toEqual(
              textOf.has(r.pair_id) ? { prompt: textOf.get(r.pair_id)!.prompt, chosen: textOf.get(r.pair_id)!.chosen, rejected: textOf.get(r.pair_id)!.rejected } : null,
            );
        }
      }
    }
    const past = await call("GET", `/api/v1/runs/${run}/pairs?offset=1000&quadrant=both_down`);
    expect(past.body.total).toBe(atStep.filter((x) => inQuadrant(x.m, "both_down")).length);
    expect(past.body.rows).toEqual([]);
  });

  it("answers a pair's trajectory over every step (empty for a pair never logged), and 4xx naming the parameter", async () => {
    const { run, rows } = await seed("dpo", { beta: 0.1 }, 10);
    const one = await call("GET", `/api/v1/runs/${run}/pairs/pair-005`);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const mine = rows.filter((r) => r.pair_id === "pair-005");
    expect(one.body).toEqual({
      pair_id: "pair-005",
      split: "train",
      texts: null,
      steps: [0, 10, 20],
      logp_chosen: mine.map((r) => encodeNumber(r.logp_chosen)),
      logp_rejected: mine.map((r) => encodeNumber(r.logp_rejected)),
      ref_logp_chosen: mine.map((r) => encodeNumber(r.ref_logp_chosen)),
      ref_logp_rejected: mine.map((r) => encodeNumber(r.ref_logp_rejected)),
    });
    const none = { texts: null, steps: [], logp_chosen: [], logp_rejected: [], ref_logp_chosen: [], ref_logp_rejected: [] };
    expect((await call("GET", `/api/v1/runs/${run}/pairs/nope`)).body).toEqual({ pair_id: "nope", split: "train", ...none });
    expect((await call("GET", `/api/v1/runs/${run}/pairs/pair-005?split=eval`)).body).toEqual({ pair_id: "pair-005", split: "eval", ...none });
    expect((await call("GET", `/api/v1/runs/00000000-0000-4000-8000-000000000000/pairs/pair-005`)).status).toBe(404);
    for (const [query, field] of [
      ["sort=loss", "sort"],
      ["quadrant=left", "quadrant"],
      ["limit=0", "limit"],
      ["step=-1", "step"],
      ["order=up", "order"],
      ["extra=1", "extra"],
    ]) {
      const bad = await call("GET", `/api/v1/runs/${run}/pairs?${query}`);
      expect(bad.status, query).toBe(422);
      expect(bad.body.error.path, query).toEqual([field]);
    }
    const empty = await call("GET", `/api/v1/runs/${run}/pairs?split=eval`);
    expect(empty.body).toMatchObject({ step: null, steps: [], total: 0, rows: [] });
  });
});
