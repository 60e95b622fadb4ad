// Turns one evaluated policy state into what a training script would log: metric rows under the names
// TRL and the TensorBoard fixture use (so the toy exercises the same import and diagnostics paths as a
// real run), and per-pair sequence rows with the exact gradients.

import { FiniteMean } from "@/lib/diagnostics/log-math";
import { getRewardScale, type LossParams } from "@/lib/diagnostics/loss-params";
import type { SequenceRow } from "@/lib/diagnostics/types";

import type { PairEvaluation, ToyState } from "./toy-objective";
import { PROMPT_COUNT, UNSEEN, type ToyPair } from "./toy-setup";

/** Implicit reward margin s_w·c - s_l·r of DPO-family losses, on any pair (trained or held out). */
function implicitMargin(params: LossParams, state: ToyState, pair: ToyPair): number {
  const scale = getRewardScale(params);
  const logProbs = state.logProbs[pair.prompt]!;
  const ref = state.refLogProbs[pair.prompt]!;
  const c = logProbs[pair.chosen]! - ref[pair.chosen]!;
  const r = logProbs[pair.rejected]! - ref[pair.rejected]!;
  return scale.w * c - scale.l * r;
}

/** Held-out accuracy: R_w > R_l for the reward model, β·Δ > 0 (the implicit reward) for DPO-family losses. */
function preferenceAccuracy(params: LossParams, state: ToyState, pairs: readonly ToyPair[]): number {
  let correct = 0;
  for (const pair of pairs) {
    const logits = state.logits[pair.prompt]!;
    const margin =
      params.algorithm === "reward_model" ? logits[pair.chosen]! - logits[pair.rejected]! : implicitMargin(params, state, pair);
    if (margin > 0) correct += 1;
  }
  return correct / pairs.length;
}

function buildRewardModelMetrics(evaluations: PairEvaluation[], state: ToyState): Record<string, number> {
  const chosen = new FiniteMean();
  const rejected = new FiniteMean();
  const accuracy = new FiniteMean();
  for (const { pair } of evaluations) {
    const logits = state.logits[pair.prompt]!;
    chosen.add(logits[pair.chosen]!);
    rejected.add(logits[pair.rejected]!);
    accuracy.add(logits[pair.chosen]! > logits[pair.rejected]! ? 1 : 0);
  }
  const logAbsW = new FiniteMean();
  const logAbsL = new FiniteMean();
  const ratio = new FiniteMean();
  for (const e of evaluations) {
    logAbsW.add(e.logAbsChosen);
    logAbsL.add(e.logAbsRejected);
    ratio.add(e.logAbsRejected - e.logAbsChosen);
  }
  return {
    "rewards/chosen": chosen.value,
    "rewards/rejected": rejected.value,
    "rewards/margins": chosen.value - rejected.value,
    "rewards/accuracies": accuracy.value,
    // A reward model has no likelihoods; the paper's Section 4 compares gradients with respect to R.
    "grad/log_abs_dL_dR_w": logAbsW.value,
    "grad/log_abs_dL_dR_l": logAbsL.value,
    "grad/log_ratio_l_over_w": ratio.value,
  };
}

function buildPreferenceMetrics(params: LossParams, evaluations: PairEvaluation[], state: ToyState): Record<string, number> {
  const scale = getRewardScale(params);
  const m = {
    piW: new FiniteMean(), piL: new FiniteMean(), pw: new FiniteMean(), pl: new FiniteMean(),
    c: new FiniteMean(), r: new FiniteMean(), margin: new FiniteMean(), accuracy: new FiniteMean(),
    gradW: new FiniteMean(), gradL: new FiniteMean(), ratio: new FiniteMean(),
  };
  for (const e of evaluations) {
    const { pair } = e;
    const logProbs = state.logProbs[pair.prompt]!;
    const ref = state.refLogProbs[pair.prompt]!;
    const pw = logProbs[pair.chosen]!;
    const pl = logProbs[pair.rejected]!;
    const margin = implicitMargin(params, state, pair);
    m.piW.add(Math.exp(pw));
    m.piL.add(Math.exp(pl));
    m.pw.add(pw);
    m.pl.add(pl);
    m.c.add(pw - ref[pair.chosen]!);
    m.r.add(pl - ref[pair.rejected]!);
    m.margin.add(margin);
    m.accuracy.add(margin > 0 ? 1 : 0);
    m.gradW.add(e.logAbsChosen - pw);
    m.gradL.add(e.logAbsRejected - pl);
    m.ratio.add(e.logAbsRejected - pl - (e.logAbsChosen - pw));
  }
  let unseen = 0;
  for (const logProbs of state.logProbs) for (const k of UNSEEN) unseen += Math.exp(logProbs[k]!) / PROMPT_COUNT;
  return {
    "toy/pi_chosen": m.piW.value,
    "toy/pi_rejected": m.piL.value,
    "toy/unseen_mass": unseen,
    "logps/chosen": m.pw.value,
    "logps/rejected": m.pl.value,
    "rewards/chosen": scale.w * m.c.value,
    "rewards/rejected": scale.l * m.r.value,
    "rewards/margins": m.margin.value,
    "rewards/accuracies": m.accuracy.value,
    "grad/log_abs_dL_dpi_w": m.gradW.value,
    "grad/log_abs_dL_dpi_l": m.gradL.value,
    "grad/log_ratio_l_over_w": m.ratio.value,
  };
}

export function buildToyMetrics(
  params: LossParams,
  evaluations: PairEvaluation[],
  state: ToyState,
  heldOut: readonly ToyPair[],
): Record<string, number> {
  const loss = new FiniteMean();
  for (const e of evaluations) loss.add(e.loss);
  const metrics =
    params.algorithm === "reward_model" ? buildRewardModelMetrics(evaluations, state) : buildPreferenceMetrics(params, evaluations, state);
  return { loss: loss.value, ...metrics, "eval/pref_accuracy": preferenceAccuracy(params, state, heldOut) };
}

/**
 * Per-pair rows with exact log|∂L/∂π| (response length 1). The reward model has no likelihoods to put in
 * a sequences row, so it logs none.
 */
export function buildToySequences(params: LossParams, evaluations: PairEvaluation[], state: ToyState, step: number): SequenceRow[] {
  if (params.algorithm === "reward_model") return [];
  return evaluations.map(({ pair, logAbsChosen, logAbsRejected }) => {
    const logProbs = state.logProbs[pair.prompt]!;
    const ref = state.refLogProbs[pair.prompt]!;
    const pw = logProbs[pair.chosen]!;
    const pl = logProbs[pair.rejected]!;
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
