// The per-pair losses of the spec's table and their exact derivatives with respect to the policy's
// log-probs pw and pl. One implementation serves the dashboard (which turns them into log|∂L/∂π|) and the
// toy model (which backpropagates them), so the science lives in one place.
//
// Derivatives are returned as (log magnitude, sign) because the DPO weight σ(-u) underflows long before
// its log does; ∂L/∂π follows from ∂L/∂p by the chain rule p = log π: ∂L/∂π = (∂L/∂p)/π.

import { logAddExp, logSigmoid } from "./log-math";
import type { LossParams } from "./loss-params";

export type PairLogProbs = {
  pw: number;
  pl: number;
  rw: number;
  rl: number;
  lenW: number | null;
  lenL: number | null;
};

/** A signed number kept as sign·exp(logAbs); logAbs = -Infinity is an exact zero. */
export type LogMagnitude = { logAbs: number; sign: -1 | 0 | 1 };

/**
 * `chosen` = ∂L/∂pw, `rejected` = ∂L/∂pl. `null` where the formula needs something the pair lacks
 * (DPO+SFT's chosen term needs |y_w|).
 */
export type PairLossGradient = { loss: number; chosen: LogMagnitude | null; rejected: LogMagnitude };

const ZERO: LogMagnitude = { logAbs: -Infinity, sign: 0 };

function fromValue(value: number): LogMagnitude {
  if (value === 0) return ZERO;
  return { logAbs: Math.log(Math.abs(value)), sign: value > 0 ? 1 : -1 };
}

function validLength(length: number | null): length is number {
  return length !== null && Number.isFinite(length) && length > 0;
}

/**
 * (β_w, β_l) of the logistic losses, whose pair weight is σ(-u) with u = β_w·c - β_l·r; null for the rest.
 * Plain DPO and DPO+SFT use one β for both sides (β_w, when a config sets both names).
 */
export function getLogisticBetas(params: LossParams): { w: number; l: number } | null {
  if (params.algorithm === "flex_dpo") return { w: params.betaW, l: params.betaL };
  if (params.algorithm === "dpo" || params.algorithm === "dpo_sft") return { w: params.betaW, l: params.betaW };
  return null;
}

/** Flex-DPO, of which DPO (β_w = β_l) is the special case: L = -log σ(u), u = β_w·c - β_l·r. */
function flexDpo(pair: PairLogProbs, betaW: number, betaL: number): PairLossGradient {
  const u = betaW * (pair.pw - pair.rw) - betaL * (pair.pl - pair.rl);
  const logWeight = logSigmoid(-u);
  return {
    loss: -logSigmoid(u),
    chosen: { logAbs: Math.log(betaW) + logWeight, sign: -1 },
    rejected: { logAbs: Math.log(betaL) + logWeight, sign: 1 },
  };
}

/**
 * DPO+SFT: L = -log σ(β·Δ) - α·pw/|y_w|. Both chosen terms are negative, so their magnitudes add, which
 * log-add-exp does without leaving log space: this is why the chosen gradient never vanishes.
 */
function dpoSft(pair: PairLogProbs, params: LossParams): PairLossGradient {
  const dpo = flexDpo(pair, params.betaW, params.betaW);
  if (!validLength(pair.lenW)) return { loss: Number.NaN, chosen: null, rejected: dpo.rejected };
  const sftLogAbs = Math.log(params.alpha) - Math.log(pair.lenW);
  return {
    loss: dpo.loss - (params.alpha * pair.pw) / pair.lenW,
    chosen: { logAbs: logAddExp(dpo.chosen!.logAbs, sftLogAbs), sign: -1 },
    rejected: dpo.rejected,
  };
}

/**
 * IPO: L = (Δ - 1/(2τ))². Like TRL, Δ uses per-token log-ratios (c/|y_w| - r/|y_l|) when both lengths are
 * known, so the derivative picks up 1/|y|; without lengths it is the paper's summed form (|y| = 1).
 */
function ipo(pair: PairLogProbs, tau: number): PairLossGradient {
  const perToken = validLength(pair.lenW) && validLength(pair.lenL);
  const lenW = perToken ? pair.lenW! : 1;
  const lenL = perToken ? pair.lenL! : 1;
  const gap = (pair.pw - pair.rw) / lenW - (pair.pl - pair.rl) / lenL - 1 / (2 * tau);
  return {
    loss: gap * gap,
    chosen: fromValue((2 * gap) / lenW),
    rejected: fromValue((-2 * gap) / lenL),
  };
}

/**
 * SLiC: L = max(0, δ - pw + pl) - λ·log π(y_ref), with y_ref = y_w (the SFT target is the chosen answer).
 * At the hinge's kink the subgradient 0 is taken: a pair exactly at the margin is treated as satisfied.
 */
function slic(pair: PairLogProbs, delta: number, lambda: number): PairLossGradient {
  const hinge = delta - pair.pw + pair.pl;
  const active = hinge > 0 ? 1 : 0;
  return {
    loss: Math.max(0, hinge) - lambda * pair.pw,
    chosen: fromValue(-active - lambda),
    rejected: fromValue(active),
  };
}

/** The loss and ∂L/∂pw, ∂L/∂pl of one pair, or null for algorithms the spec logs without re-deriving. */
export function computePairLossGradient(params: LossParams, pair: PairLogProbs): PairLossGradient | null {
  switch (params.algorithm) {
    case "dpo":
    case "flex_dpo": {
      const betas = getLogisticBetas(params)!;
      return flexDpo(pair, betas.w, betas.l);
    }
    case "dpo_sft":
      return dpoSft(pair, params);
    case "ipo":
      return ipo(pair, params.tau);
    case "slic":
      return slic(pair, params.delta, params.lambda);
    default:
      return null;
  }
}

/** Turns a LogMagnitude back into a number, for the toy model's backprop (underflow to 0 is fine there). */
export function toValue(magnitude: LogMagnitude): number {
  return magnitude.sign * Math.exp(magnitude.logAbs);
}
