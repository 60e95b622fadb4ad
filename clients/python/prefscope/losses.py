"""The per-pair log|∂L/∂π| of the spec's losses, computed the way the dashboard derives them
(lib/diagnostics/loss-params.ts and pair-loss.ts), so a runner can send them with its per-pair rows.

Plain Python floats: no torch. π underflows for real sequences, so every magnitude stays in log space:
log|∂L/∂π| = log|∂L/∂p| - p with p = log π.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, List, Mapping, Optional, Sequence, Tuple

DEFAULT_BETA = 0.1  # TRL's DPOTrainer default, as on the server
DERIVED = ("dpo", "flex_dpo", "dpo_sft", "ipo", "slic")


@dataclasses.dataclass(frozen=True)
class LossParams:
    algorithm: str
    beta_w: float = DEFAULT_BETA
    beta_l: float = DEFAULT_BETA
    alpha: float = 1.0
    tau: float = DEFAULT_BETA
    delta: float = 1.0
    lam: float = 0.0


def _number(config: Mapping[str, Any], *keys: str) -> Optional[float]:
    for key in keys:
        value = config.get(key)
        if isinstance(value, str) and value.strip():
            try:
                value = float(value)
            except ValueError:
                continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
    return None


def _or(value: Optional[float], default: float) -> float:
    return default if value is None else value


def resolve_loss_params(algorithm: Optional[str], config: Mapping[str, Any]) -> LossParams:
    """The loss's numbers from a run's algorithm and config, with the server's names and defaults."""
    name = (algorithm or "other").strip().lower().replace("-", "_") or "other"
    beta = _number(config, "beta")
    beta_w = _number(config, "beta_w")
    beta_l = _number(config, "beta_l")
    tau = _number(config, "tau")
    return LossParams(
        algorithm=name,
        beta_w=beta_w if beta_w is not None else beta if beta is not None else DEFAULT_BETA,
        beta_l=beta_l if beta_l is not None else beta if beta is not None else DEFAULT_BETA,
        alpha=_or(_number(config, "alpha", "rpo_alpha"), 1.0),
        tau=tau if tau is not None else beta if (beta is not None and name == "ipo") else DEFAULT_BETA,
        delta=_or(_number(config, "delta"), 1.0),
        lam=_or(_number(config, "lambda"), 0.0),
    )


def pair_log_grads(
    params: LossParams,
    logp_chosen: Sequence[float],
    logp_rejected: Sequence[float],
    ref_logp_chosen: Sequence[float],
    ref_logp_rejected: Sequence[float],
    len_chosen: Optional[Sequence[Optional[int]]] = None,
    len_rejected: Optional[Sequence[Optional[int]]] = None,
) -> Optional[Tuple[List[float], List[float]]]:
    """(log|∂L/∂πw|, log|∂L/∂πl|) per pair for the run's loss; None for losses the spec does not re-derive."""
    if params.algorithm not in DERIVED:
        return None
    count = len(logp_chosen)
    lengths_w = list(len_chosen) if len_chosen is not None else [None] * count
    lengths_l = list(len_rejected) if len_rejected is not None else [None] * count
    chosen, rejected = [], []
    for i in range(count):
        pw, pl = float(logp_chosen[i]), float(logp_rejected[i])
        rw, rl = float(ref_logp_chosen[i]), float(ref_logp_rejected[i])
        dw, dl = _log_abs_dp(params, pw, pl, rw, rl, lengths_w[i], lengths_l[i])
        chosen.append(dw - pw)
        rejected.append(dl - pl)
    return chosen, rejected


def _log_abs_dp(
    p: LossParams, pw: float, pl: float, rw: float, rl: float, len_w: Optional[int], len_l: Optional[int]
) -> Tuple[float, float]:
    """log|∂L/∂pw|, log|∂L/∂pl| (NaN where the formula needs a length the pair lacks)."""
    if p.algorithm in ("dpo", "flex_dpo", "dpo_sft"):
        beta_l = p.beta_l if p.algorithm == "flex_dpo" else p.beta_w
        log_weight = -_softplus(p.beta_w * (pw - rw) - beta_l * (pl - rl))  # log σ(-u)
        chosen = math.log(p.beta_w) + log_weight
        rejected = math.log(beta_l) + log_weight
        if p.algorithm == "dpo_sft":
            # -α·pw/|y_w| adds α/|y_w| to |∂L/∂pw| (same sign), so the chosen gradient never vanishes.
            chosen = _log_add_exp(chosen, math.log(p.alpha) - math.log(len_w)) if _valid(len_w) else math.nan
        return chosen, rejected
    if p.algorithm == "ipo":
        # (Δ - 1/(2τ))² with per-token log-ratios when both lengths are known, as TRL computes it.
        per_token = _valid(len_w) and _valid(len_l)
        lw, ll = (float(len_w), float(len_l)) if per_token else (1.0, 1.0)  # type: ignore[arg-type]
        gap = (pw - rw) / lw - (pl - rl) / ll - 1 / (2 * p.tau)
        return _log_abs(2 * gap / lw), _log_abs(2 * gap / ll)
    # slic: max(0, δ - pw + pl) - λ·pw
    active = 1.0 if p.delta - pw + pl > 0 else 0.0
    return _log_abs(active + p.lam), _log_abs(active)


def _valid(length: Any) -> bool:
    return length is not None and math.isfinite(float(length)) and float(length) > 0


def _log_abs(value: float) -> float:
    return math.log(abs(value)) if value != 0 else -math.inf


def _log_add_exp(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    top = max(a, b)
    return top + math.log1p(math.exp(-abs(a - b)))


def _softplus(x: float) -> float:
    if math.isnan(x) or math.isinf(x):
        return x if x > 0 or math.isnan(x) else 0.0
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))
