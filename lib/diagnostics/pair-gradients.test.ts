import { describe, expect, it } from "vitest";

import { resolveLossParams } from "./loss-params";
import { resolvePairLogGradients } from "./pair-gradients";
import type { SequenceRow } from "./types";

function makeRow(overrides: Partial<SequenceRow> = {}): SequenceRow {
  return {
    step: 10,
    split: "train",
    pair_id: "p",
    logp_chosen: -52,
    logp_rejected: -75,
    ref_logp_chosen: -50,
    ref_logp_rejected: -60,
    len_chosen: 40,
    len_rejected: 55,
    log_grad_chosen: null,
    log_grad_rejected: null,
    ...overrides,
  };
}

describe("resolvePairLogGradients", () => {
  it.each([
    ["dpo", { beta: 0.1 }, 0.1, 0.1],
    ["flex_dpo", { beta_w: 0.1, beta_l: 0.005 }, 0.1, 0.005],
  ])("%s obeys |∂L/∂πl|/|∂L/∂πw| = (β_l/β_w)·πw/πl", (algorithm, config, betaW, betaL) => {
    for (const [pw, pl] of [
      [-52, -75],
      [-3, -400],
      [-900, -20],
    ]) {
      const row = makeRow({ logp_chosen: pw, logp_rejected: pl });
      const grads = resolvePairLogGradients(resolveLossParams(algorithm, config), row);
      expect(grads.rejected - grads.chosen).toBeCloseTo(Math.log(betaL / betaW) + pw! - pl!, 9);
    }
  });

  it("gives log|∂L/∂πw| = log β + log σ(-u) - pw with no underflow", () => {
    const grads = resolvePairLogGradients(resolveLossParams("dpo", { beta: 0.1 }), makeRow());
    // u = 0.1·(-2) - 0.1·(-15) = 1.3
    expect(grads.chosen).toBeCloseTo(Math.log(0.1) - Math.log1p(Math.exp(1.3)) + 52, 12);
  });

  it("DPO+SFT's extra chosen term makes the ratio smaller than DPO's", () => {
    const row = makeRow();
    const dpo = resolvePairLogGradients(resolveLossParams("dpo", { beta: 0.1 }), row);
    const sft = resolvePairLogGradients(resolveLossParams("dpo_sft", { beta: 0.1, alpha: 1 }), row);
    expect(sft.rejected).toBeCloseTo(dpo.rejected, 12);
    expect(sft.chosen).toBeGreaterThan(dpo.chosen);
    expect(sft.chosen).toBeGreaterThanOrEqual(Math.log(1 / 40) + 52);
  });

  it("uses what the runner sent, as sent, and derives only the missing side", () => {
    const params = resolveLossParams("dpo", { beta: 0.1 });
    expect(resolvePairLogGradients(params, makeRow({ log_grad_chosen: 1.5, log_grad_rejected: Number.NaN }))).toEqual({
      chosen: 1.5,
      rejected: Number.NaN,
    });
    const partial = resolvePairLogGradients(params, makeRow({ log_grad_chosen: 7 }));
    expect(partial.chosen).toBe(7);
    expect(Number.isFinite(partial.rejected)).toBe(true);
  });

  it("returns NaN for losses it does not re-derive and for non-finite log-probs", () => {
    const ppo = resolvePairLogGradients(resolveLossParams("ppo", {}), makeRow());
    expect(Number.isNaN(ppo.chosen) && Number.isNaN(ppo.rejected)).toBe(true);
    const broken = resolvePairLogGradients(resolveLossParams("dpo", { beta: 0.1 }), makeRow({ logp_chosen: Number.NaN }));
    expect(Number.isNaN(broken.chosen)).toBe(true);
  });
});
