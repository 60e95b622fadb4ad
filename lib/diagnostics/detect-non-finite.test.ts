import { describe, expect, it } from "vitest";

import { computeDiagnostics } from "./compute-diagnostics";
import { detectNonFinite } from "./detect-non-finite";
import type { MetricPoint, RunInput, SequenceRow } from "./types";

/** A loss-like series over steps 0..n-1, with the given steps replaced. */
function series(n: number, replace: Record<number, number> = {}, every = 1): MetricPoint[] {
  return Array.from({ length: n }, (_, i) => ({ step: i * every, value: replace[i * every] ?? 0.69 - i * 0.001 }));
}

const run = (metrics: RunInput["metrics"], extra: Partial<RunInput> = {}): RunInput => ({ algorithm: "dpo", config: { beta: 0.1 }, metrics, sequences: [], ...extra });

function pair(step: number, logpChosen = -10): SequenceRow {
  return {
    step,
    split: "train",
    pair_id: `p${step}`,
    logp_chosen: logpChosen,
    logp_rejected: -12,
    ref_logp_chosen: -10,
    ref_logp_rejected: -12,
    len_chosen: null,
    len_rejected: null,
    log_grad_chosen: null,
    log_grad_rejected: null,
  };
}

describe("detectNonFinite", () => {
  it("flags NaN in the loss at its first step, critical, with the count and the key", () => {
    const flag = detectNonFinite(run({ loss: series(100, { 37: Number.NaN, 38: Number.NaN, 90: Number.NaN }) }), "train");
    expect(flag).toEqual({ property: "non_finite", severity: "critical", first_step: 37, evidence: { count: 3, keys: "loss", first_key: "loss" } });
  });

  it("flags ±Infinity in log-probs and rewards under their logged names, keys ordered by first step", () => {
    const flag = detectNonFinite(
      run({
        "logps/rejected": series(50, { 20: Number.NEGATIVE_INFINITY }, 10),
        "rewards/chosen": series(50, { 120: Number.POSITIVE_INFINITY, 130: Number.NaN }, 10),
        "train/loss": series(50, {}, 10),
      }),
      "train",
    );
    expect(flag?.first_step).toBe(20);
    expect(flag?.evidence).toEqual({ count: 3, keys: "logps/rejected, rewards/chosen", first_key: "logps/rejected" });
  });

  it("stays quiet on finite series, on unwatched metrics and on log-gradient magnitudes (−∞ there is underflow)", () => {
    expect(detectNonFinite(run({ loss: series(100), "logps/chosen": series(100) }), "train")).toBeNull();
    expect(detectNonFinite(run({ grad_norm: series(10, { 3: Number.NaN }), "grad/log_abs_dL_dpi_w": series(10, { 4: Number.NEGATIVE_INFINITY }) }), "train")).toBeNull();
  });

  it("reads the split's own names: eval_loss for eval, not the training loss", () => {
    const metrics = { loss: series(10, { 2: Number.NaN }), eval_loss: series(10, { 6: Number.NaN }) };
    expect(detectNonFinite(run(metrics), "eval")?.evidence.keys).toBe("eval_loss");
    expect(detectNonFinite(run(metrics), "train")?.evidence.keys).toBe("loss");
  });

  it("takes the server's exact tally for a series read as bucket means", () => {
    // The bucketed series no longer shows the lone NaN; the tally does.
    const flag = detectNonFinite(run({ loss: series(10) }, { nonFinite: { loss: { first_step: 4_321, count: 2 } } }), "train");
    expect(flag).toMatchObject({ first_step: 4_321, evidence: { count: 2, keys: "loss" } });
  });

  it("flags per-pair sequence rows with a non-finite log-prob of the split", () => {
    const sequences = [pair(0), pair(5, Number.NaN), { ...pair(5), pair_id: "q", ref_logp_rejected: Number.NEGATIVE_INFINITY }, { ...pair(1, Number.NaN), split: "eval" }];
    const flag = detectNonFinite(run({}, { sequences }), "train");
    expect(flag).toMatchObject({ first_step: 5, evidence: { count: 2, keys: "sequences/logp_chosen, sequences/ref_logp_rejected" } });
  });

  it("comes out of computeDiagnostics next to the 3D flags", () => {
    const result = computeDiagnostics(run({ loss: series(100, { 50: Number.NaN }) }));
    expect(result.flags.map((f) => f.property)).toEqual(["non_finite"]);
  });
});
