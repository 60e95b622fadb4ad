import { describe, expect, it } from "vitest";

import { resolveLossParams } from "./loss-params";
import { computePairLossGradient, toValue, type PairLogProbs } from "./pair-loss";

// Finite differences are taken in probability space, the space the paper's gradients live in: the loss
// is evaluated at log(π ± h) with everything else fixed.
function numericGradient(algorithm: string, config: Record<string, unknown>, pair: PairLogProbs) {
  const params = resolveLossParams(algorithm, config);
  const loss = (p: PairLogProbs) => computePairLossGradient(params, p)!.loss;
  const piW = Math.exp(pair.pw);
  const piL = Math.exp(pair.pl);
  const h = 1e-6;
  return {
    chosen: (loss({ ...pair, pw: Math.log(piW + h) }) - loss({ ...pair, pw: Math.log(piW - h) })) / (2 * h),
    rejected: (loss({ ...pair, pl: Math.log(piL + h) }) - loss({ ...pair, pl: Math.log(piL - h) })) / (2 * h),
  };
}

function closedFormGradient(algorithm: string, config: Record<string, unknown>, pair: PairLogProbs) {
  const result = computePairLossGradient(resolveLossParams(algorithm, config), pair)!;
  return {
    chosen: toValue(result.chosen!) / Math.exp(pair.pw),
    rejected: toValue(result.rejected) / Math.exp(pair.pl),
  };
}

/** Small generator of pairs with probabilities away from 0 so central differences stay accurate. */
function makePairs(): PairLogProbs[] {
  const pairs: PairLogProbs[] = [];
  for (const [piW, piL, refW, refL, lenW, lenL] of [
    [0.3, 0.2, 0.25, 0.3, 3, 5],
    [0.05, 0.4, 0.1, 0.35, 1, 1],
    [0.6, 0.01, 0.5, 0.05, 7, 2],
  ] as const) {
    pairs.push({ pw: Math.log(piW), pl: Math.log(piL), rw: Math.log(refW), rl: Math.log(refL), lenW, lenL });
  }
  return pairs;
}

const CASES: [string, Record<string, unknown>][] = [
  ["dpo", { beta: 0.5 }],
  ["flex_dpo", { beta_w: 0.5, beta_l: 0.05 }],
  ["dpo_sft", { beta: 0.3, alpha: 0.7 }],
  ["ipo", { tau: 0.4 }],
  ["slic", { delta: 2, lambda: 0.3 }],
];

describe("closed-form pair gradients", () => {
  it.each(CASES)("%s matches finite differences of its loss", (algorithm, config) => {
    for (const pair of makePairs()) {
      const numeric = numericGradient(algorithm, config, pair);
      const exact = closedFormGradient(algorithm, config, pair);
      expect(exact.chosen).toBeCloseTo(numeric.chosen, 4);
      expect(exact.rejected).toBeCloseTo(numeric.rejected, 4);
    }
  });

  it("IPO without lengths uses summed log-ratios", () => {
    const pair = { ...makePairs()[0]!, lenW: null, lenL: null };
    const numeric = numericGradient("ipo", { tau: 0.4 }, pair);
    const exact = closedFormGradient("ipo", { tau: 0.4 }, pair);
    expect(exact.chosen).toBeCloseTo(numeric.chosen, 4);
    expect(exact.rejected).toBeCloseTo(numeric.rejected, 4);
  });

  it("SLiC's rejected gradient is exactly zero once the margin holds", () => {
    const params = resolveLossParams("slic", { delta: 1, lambda: 0.5 });
    const satisfied = { pw: -1, pl: -5, rw: -1, rl: -1, lenW: 1, lenL: 1 };
    const result = computePairLossGradient(params, satisfied)!;
    expect(result.rejected.sign).toBe(0);
    expect(toValue(result.chosen!)).toBeCloseTo(-0.5, 12);
  });

  it("DPO+SFT cannot give the chosen gradient without |y_w|", () => {
    const params = resolveLossParams("dpo_sft", { beta: 0.1, alpha: 1 });
    const result = computePairLossGradient(params, { pw: -3, pl: -4, rw: -3, rl: -4, lenW: null, lenL: null })!;
    expect(result.chosen).toBeNull();
    expect(Number.isFinite(result.rejected.logAbs)).toBe(true);
  });

  it("stays finite for sequence-scale log-probs where π underflows", () => {
    const params = resolveLossParams("dpo", { beta: 0.1 });
    const pair = { pw: -900, pl: -1400, rw: -800, rl: -800, lenW: 300, lenL: 400 };
    const result = computePairLossGradient(params, pair)!;
    // u = 0.1·(-100) - 0.1·(-600) = 50: σ(-50) ≈ 2e-22 still has a finite log.
    expect(result.chosen!.logAbs).toBeCloseTo(Math.log(0.1) - 50, 6);
    expect(result.loss).toBeGreaterThan(0);
  });

  it("returns null for algorithms that are logged, not re-derived", () => {
    for (const algorithm of ["ppo", "sft", "reward_model", "my_loss", null]) {
      const params = resolveLossParams(algorithm, {});
      expect(computePairLossGradient(params, { pw: -1, pl: -2, rw: -1, rl: -2, lenW: 1, lenL: 1 })).toBeNull();
    }
  });
});
