// Step 2's losses on the toy model, as ∂L/∂logits per prompt. DPO-family losses come from the same
// pair formulas the dashboard uses (lib/diagnostics/pair-loss) and reach the logits through the softmax:
// ∂L/∂z = g_w·(e_w - π) + g_l·(e_l - π) with g = ∂L/∂p. The reward model reads its logit as a scalar
// reward R(x, y) and never goes through a softmax.

import { sigmoid, logSigmoid } from "@/lib/diagnostics/log-math";
import type { LossParams } from "@/lib/diagnostics/loss-params";
import { computePairLossGradient, toValue, type PairLossGradient } from "@/lib/diagnostics/pair-loss";

import { backwardMlp, forwardMlp, logSoftmax, type ForwardCache, type Mlp } from "./mlp";
import { PROMPT_COUNT, RESPONSE_COUNT, type ToyPair } from "./toy-setup";

/** What one policy state looks like to the losses: logits and log-probs per prompt, and the reference's. */
export type ToyState = { logits: Float64Array[]; logProbs: Float64Array[]; refLogProbs: Float64Array[] };

export type PairEvaluation = {
  pair: ToyPair;
  loss: number;
  /** ∂L/∂pw and ∂L/∂pl for preference losses; ∂L/∂R_w and ∂L/∂R_l for the reward model. */
  gradChosen: number;
  gradRejected: number;
  /** log|∂L/∂pw|, log|∂L/∂pl| (or log|∂L/∂R|), kept separately because the values can underflow. */
  logAbsChosen: number;
  logAbsRejected: number;
};

/** Bradley–Terry: L = -log σ(R_w - R_l), so ∂L/∂R_w = -σ(R_l - R_w) = -∂L/∂R_l: balanced by construction. */
function evaluateRewardModelPair(state: ToyState, pair: ToyPair): PairEvaluation {
  const logits = state.logits[pair.prompt]!;
  const gap = logits[pair.chosen]! - logits[pair.rejected]!;
  const weight = sigmoid(-gap);
  const logWeight = logSigmoid(-gap);
  return { pair, loss: -logSigmoid(gap), gradChosen: -weight, gradRejected: weight, logAbsChosen: logWeight, logAbsRejected: logWeight };
}

function evaluatePreferencePair(params: LossParams, state: ToyState, pair: ToyPair): PairEvaluation {
  const logProbs = state.logProbs[pair.prompt]!;
  const ref = state.refLogProbs[pair.prompt]!;
  const result: PairLossGradient | null = computePairLossGradient(params, {
    pw: logProbs[pair.chosen]!,
    pl: logProbs[pair.rejected]!,
    rw: ref[pair.chosen]!,
    rl: ref[pair.rejected]!,
    lenW: 1,
    lenL: 1,
  });
  if (result === null || result.chosen === null) throw new Error(`toy model cannot train ${params.algorithm}`);
  return {
    pair,
    loss: result.loss,
    gradChosen: toValue(result.chosen),
    gradRejected: toValue(result.rejected),
    logAbsChosen: result.chosen.logAbs,
    logAbsRejected: result.rejected.logAbs,
  };
}

export function evaluatePair(params: LossParams, state: ToyState, pair: ToyPair): PairEvaluation {
  return params.algorithm === "reward_model" ? evaluateRewardModelPair(state, pair) : evaluatePreferencePair(params, state, pair);
}

/** Adds one pair's ∂L/∂logits, scaled by `weight` (1/number of pairs for a mean loss), into `dLogits`. */
export function addPairLogitGradient(params: LossParams, state: ToyState, evaluation: PairEvaluation, weight: number, dLogits: Float64Array): void {
  const { chosen, rejected, prompt } = evaluation.pair;
  const gw = evaluation.gradChosen * weight;
  const gl = evaluation.gradRejected * weight;
  if (params.algorithm === "reward_model") {
    dLogits[chosen]! += gw;
    dLogits[rejected]! += gl;
    return;
  }
  // ∂p_k/∂z_j = [j = k] - π_j.
  const logProbs = state.logProbs[prompt]!;
  const total = gw + gl;
  for (let j = 0; j < dLogits.length; j += 1) dLogits[j]! -= total * Math.exp(logProbs[j]!);
  dLogits[chosen]! += gw;
  dLogits[rejected]! += gl;
}

/** One forward pass per prompt; the caches are kept so the update can reuse them. */
export function evaluateToyState(mlp: Mlp, refLogProbs: Float64Array[]): { state: ToyState; caches: ForwardCache[] } {
  const caches = Array.from({ length: PROMPT_COUNT }, (_, prompt) => forwardMlp(mlp, prompt));
  const logits = caches.map((cache) => cache.logits);
  return { state: { logits, logProbs: logits.map(logSoftmax), refLogProbs }, caches };
}

/** ∂(mean pair loss)/∂params into `grad`, from the forward pass the evaluations were made on. */
export function computeToyGradient(params: LossParams, mlp: Mlp, state: ToyState, caches: ForwardCache[], evaluations: PairEvaluation[], grad: Float64Array): void {
  grad.fill(0);
  const dLogits = caches.map(() => new Float64Array(RESPONSE_COUNT));
  for (const evaluation of evaluations) {
    addPairLogitGradient(params, state, evaluation, 1 / evaluations.length, dLogits[evaluation.pair.prompt]!);
  }
  caches.forEach((cache, prompt) => backwardMlp(mlp, cache, dLogits[prompt]!, grad));
}
