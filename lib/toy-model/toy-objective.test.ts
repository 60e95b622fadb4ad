import { describe, expect, it } from "vitest";

import { resolveLossParams } from "@/lib/diagnostics/loss-params";

import { createMlp, type Activation } from "./mlp";
import { createMulberry32, createNormal } from "./prng";
import { resolveToyConfig, type ToyAlgorithm } from "./toy-config";
import { computeToyGradient, evaluatePair, evaluateToyState } from "./toy-objective";
import { TRAIN_PAIRS } from "./toy-setup";

const ALGORITHMS: ToyAlgorithm[] = ["dpo", "flex_dpo", "dpo_sft", "ipo", "slic", "reward_model"];

/** A small network and a reference a little away from it, so every loss has a non-trivial gradient. */
function makeProblem(algorithm: ToyAlgorithm, activation: Activation = "relu") {
  const uniform = createMulberry32(7);
  const mlp = createMlp(6, uniform, { activation });
  const normal = createNormal(uniform);
  const refLogProbs = evaluateToyState(mlp, []).state.logProbs.map((row) => row.map((v) => v + 0.3 * normal()));
  const params = resolveLossParams(algorithm, resolveToyConfig({ scenario: 1, algorithm, steps: 1, betaW: 0.5, betaL: 0.2, beta: 0.5 }));
  const meanLoss = () => {
    const { state } = evaluateToyState(mlp, refLogProbs);
    const losses = TRAIN_PAIRS.map((pair) => evaluatePair(params, state, pair).loss);
    return losses.reduce((a, b) => a + b, 0) / losses.length;
  };
  return { mlp, refLogProbs, params, meanLoss };
}

describe("toy model backprop", () => {
  const cases = (["relu", "tanh"] as const).flatMap((activation) => ALGORITHMS.map((algorithm) => [algorithm, activation] as const));
  it.each(cases)("%s, %s: hand-written gradients match finite differences", (algorithm, activation) => {
    const { mlp, refLogProbs, params, meanLoss } = makeProblem(algorithm, activation);
    const { state, caches } = evaluateToyState(mlp, refLogProbs);
    const evaluations = TRAIN_PAIRS.map((pair) => evaluatePair(params, state, pair));
    const grad = new Float64Array(mlp.params.length);
    computeToyGradient(params, mlp, state, caches, evaluations, grad);

    const h = 1e-6;
    // Every 7th weight covers all three layers and the biases of a 6-unit network.
    for (let i = 0; i < mlp.params.length; i += 7) {
      const saved = mlp.params[i]!;
      mlp.params[i] = saved + h;
      const up = meanLoss();
      mlp.params[i] = saved - h;
      const down = meanLoss();
      mlp.params[i] = saved;
      expect(grad[i]).toBeCloseTo((up - down) / (2 * h), 6);
    }
  });
});

describe("the reward model's gradients", () => {
  it("are balanced: ∂L/∂R_w = -∂L/∂R_l for every pair", () => {
    const { mlp, refLogProbs, params } = makeProblem("reward_model");
    const { state } = evaluateToyState(mlp, refLogProbs);
    for (const pair of TRAIN_PAIRS) {
      const e = evaluatePair(params, state, pair);
      expect(e.gradChosen).toBeCloseTo(-e.gradRejected, 15);
      expect(e.logAbsChosen).toBe(e.logAbsRejected);
    }
  });
});
