// log|∂L/∂π| for one sequences row: the runner's own numbers when it sent them, otherwise derived from the
// log-probs with the loss formulas. The paper plots gradients with respect to probabilities, which for a
// real sequence are astronomically large (π ≈ e^-200), so they only ever exist here as logs.

import type { LossParams } from "./loss-params";
import { computePairLossGradient, type PairLogProbs } from "./pair-loss";
import type { SequenceRow } from "./types";

/** Natural logs of |∂L/∂πw| and |∂L/∂πl|; NaN where neither the runner nor the formulas can say. */
export type PairLogGradients = { chosen: number; rejected: number };

export function toPairLogProbs(row: SequenceRow): PairLogProbs {
  return {
    pw: row.logp_chosen,
    pl: row.logp_rejected,
    rw: row.ref_logp_chosen,
    rl: row.ref_logp_rejected,
    lenW: row.len_chosen,
    lenL: row.len_rejected,
  };
}

export function resolvePairLogGradients(params: LossParams, row: SequenceRow): PairLogGradients {
  const sentChosen = row.log_grad_chosen;
  const sentRejected = row.log_grad_rejected;
  if (sentChosen !== null && sentRejected !== null) return { chosen: sentChosen, rejected: sentRejected };

  const derived = computePairLossGradient(params, toPairLogProbs(row));
  // ∂L/∂π = (∂L/∂p)/π, so in logs: log|∂L/∂π| = log|∂L/∂p| - p.
  const chosen = derived?.chosen ? derived.chosen.logAbs - row.logp_chosen : Number.NaN;
  const rejected = derived ? derived.rejected.logAbs - row.logp_rejected : Number.NaN;
  return { chosen: sentChosen ?? chosen, rejected: sentRejected ?? rejected };
}
