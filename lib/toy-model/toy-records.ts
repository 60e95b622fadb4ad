// Turns one evaluated policy state into what a training script would log: metric rows under the names
// TRL and the TensorBoard fixture use (so the toy exercises the same import and diagnostics paths as a
// real run), and per-pair sequence rows with the exact gradients.

import { getRewardScale, type LossParams } from "@/lib/diagnostics/loss-params";
import type { SequenceRow } from "@/lib/diagnostics/types";

import type { PairEvaluation, ToyState } from "./toy-objective";
import { UNSEEN, type ToyPair } from "./toy-setup";

/** Plain mean: the toy's values are exact, and log 0 = -Infinity (SLiC's satisfied hinge) is the truth. */
function mean(values: number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? Number.NaN : sum / values.length;
}

type PairView = { pw: number; pl: number; c: number; r: number };

function viewPair(state: ToyState, pair: ToyPair): PairView {
  const logProbs = state.logProbs[pair.prompt]!;
  const ref = state.refLogProbs[pair.prompt]!;
  const pw = logProbs[pair.chosen]!;
  const pl = logProbs[pair.rejected]!;
  return { pw, pl, c: pw - ref[pair.chosen]!, r: pl - ref[pair.rejected]! };
}

/** The margin a pair is judged by: R_w - R_l for the reward model, the implicit s_w·c - s_l·r otherwise. */
function preferenceMargin(params: LossParams, state: ToyState, pair: ToyPair): number {
  if (params.algorithm === "reward_model") {
    const logits = state.logits[pair.prompt]!;
    return logits[pair.chosen]! - logits[pair.rejected]!;
  }
  const scale = getRewardScale(params);
  const { c, r } = viewPair(state, pair);
  return scale.w * c - scale.l * r;
}

function shareCorrect(params: LossParams, state: ToyState, pairs: readonly ToyPair[]): number {
  return mean(pairs.map((pair) => (preferenceMargin(params, state, pair) > 0 ? 1 : 0)));
}

function buildRewardModelMetrics(evaluations: PairEvaluation[], state: ToyState): Record<string, number> {
  const chosen = evaluations.map(({ pair }) => state.logits[pair.prompt]![pair.chosen]!);
  const rejected = evaluations.map(({ pair }) => state.logits[pair.prompt]![pair.rejected]!);
  return {
    "rewards/chosen": mean(chosen),
    "rewards/rejected": mean(rejected),
    "rewards/margins": mean(chosen) - mean(rejected),
    // A reward model has no likelihoods; the paper's Section 4 compares its gradients with respect to R.
    "grad/log_abs_dL_dR_w": mean(evaluations.map((e) => e.logAbsChosen)),
    "grad/log_abs_dL_dR_l": mean(evaluations.map((e) => e.logAbsRejected)),
    "grad/log_ratio_l_over_w": mean(evaluations.map((e) => e.logAbsRejected - e.logAbsChosen)),
  };
}

function buildPreferenceMetrics(params: LossParams, evaluations: PairEvaluation[], state: ToyState): Record<string, number> {
  const scale = getRewardScale(params);
  const views = evaluations.map(({ pair }) => viewPair(state, pair));
  // log|∂L/∂π| = log|∂L/∂p| - p (p = log π).
  const logGradW = evaluations.map((e, i) => e.logAbsChosen - views[i]!.pw);
  const logGradL = evaluations.map((e, i) => e.logAbsRejected - views[i]!.pl);
  const unseenPerPrompt = state.logProbs.map((logProbs) => UNSEEN.reduce((sum, k) => sum + Math.exp(logProbs[k]!), 0));
  return {
    "toy/pi_chosen": mean(views.map((v) => Math.exp(v.pw))),
    "toy/pi_rejected": mean(views.map((v) => Math.exp(v.pl))),
    "toy/unseen_mass": mean(unseenPerPrompt),
    "logps/chosen": mean(views.map((v) => v.pw)),
    "logps/rejected": mean(views.map((v) => v.pl)),
    "rewards/chosen": scale.w * mean(views.map((v) => v.c)),
    "rewards/rejected": scale.l * mean(views.map((v) => v.r)),
    "rewards/margins": mean(views.map((v) => scale.w * v.c - scale.l * v.r)),
    "grad/log_abs_dL_dpi_w": mean(logGradW),
    "grad/log_abs_dL_dpi_l": mean(logGradL),
    "grad/log_ratio_l_over_w": mean(logGradL.map((l, i) => l - logGradW[i]!)),
  };
}

export function buildToyMetrics(params: LossParams, evaluations: PairEvaluation[], state: ToyState, heldOut: readonly ToyPair[]): Record<string, number> {
  const pairs = evaluations.map((e) => e.pair);
  const metrics = params.algorithm === "reward_model" ? buildRewardModelMetrics(evaluations, state) : buildPreferenceMetrics(params, evaluations, state);
  return {
    loss: mean(evaluations.map((e) => e.loss)),
    ...metrics,
    "rewards/accuracies": shareCorrect(params, state, pairs),
    "eval/pref_accuracy": shareCorrect(params, state, heldOut),
  };
}

/**
 * Per-pair rows with exact log|∂L/∂π| (every response is one token long). The reward model has no
 * likelihoods to put in a sequences row, so it logs none.
 */
export function buildToySequences(params: LossParams, evaluations: PairEvaluation[], state: ToyState, step: number): SequenceRow[] {
  if (params.algorithm === "reward_model") return [];
  return evaluations.map(({ pair, logAbsChosen, logAbsRejected }) => {
    const { pw, pl } = viewPair(state, pair);
    const ref = state.refLogProbs[pair.prompt]!;
    return {
      step,
      split: "train",
      pair_id: pair.id,
      logp_chosen: pw,
      logp_rejected: pl,
      ref_logp_chosen: ref[pair.chosen]!,
      ref_logp_rejected: ref[pair.rejected]!,
      len_chosen: 1,
      len_rejected: 1,
      log_grad_chosen: logAbsChosen - pw,
      log_grad_rejected: logAbsRejected - pl,
    };
  });
}
