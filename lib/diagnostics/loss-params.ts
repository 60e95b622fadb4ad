// Turns a run's free-form config into the numbers the loss formulas need, saying out loud which defaults
// were assumed: a diagnostic silently built on a guessed β would be worse than none.

/** Losses whose gradients the dashboard re-derives from log-probs (see the spec's loss table). */
export const DERIVED_ALGORITHMS = ["dpo", "flex_dpo", "dpo_sft", "ipo", "slic"] as const;
export type DerivedAlgorithm = (typeof DERIVED_ALGORITHMS)[number];

/**
 * Reference-free preference losses (TRL's ORPO, SimPO and CPO trainers): their `rewards/*` are β·log π (SimPO: per
 * token) with no reference model, so a change in them is not a change in log-ratio.
 */
export const REFERENCE_FREE_ALGORITHMS: readonly string[] = ["orpo", "simpo", "cpo"];

/** Algorithms whose `rewards/*` metrics are not β·(policy - reference) log-ratios. */
export const NON_IMPLICIT_REWARD_ALGORITHMS: readonly string[] = ["reward_model", "ppo", "sft", ...REFERENCE_FREE_ALGORITHMS];

/** TRL's DPOTrainer default; used only when the config has no β at all, and reported as an assumption. */
export const DEFAULT_BETA = 0.1;

export type LossParams = {
  /** Normalised algorithm name (lower case, `-` → `_`), or "other" when the run named none. */
  algorithm: string;
  /** Whether the spec's loss table covers it, so gradients can be derived. */
  derived: boolean;
  betaW: number;
  betaL: number;
  alpha: number;
  tau: number;
  delta: number;
  lambda: number;
  assumptions: string[];
};

/** Accepts numbers and numeric strings (configs arrive from YAML, argparse dumps, and JSON alike). */
function readNumber(config: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const raw = config[key];
    const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  return undefined;
}

/**
 * TRL's `loss_type` names the algorithm when the user did not. It arrives as a string, or (TRL ≥ 0.20, through
 * MLflow's string params) as a one-element list such as "['sigmoid']".
 */
export function algorithmFromConfig(config: Record<string, unknown> | undefined): string | undefined {
  const algorithm = config?.algorithm;
  if (typeof algorithm === "string") return algorithm;
  const raw = config?.loss_type;
  const listed = Array.isArray(raw) && raw.length === 1 ? raw[0] : typeof raw === "string" ? (/^\[\s*['"]([^'"]+)['"]\s*\]$/.exec(raw)?.[1] ?? raw) : undefined;
  // TRL's DPO with an SFT term on the chosen response (rpo_alpha) is DPO+SFT.
  if (listed === "sigmoid") return Number(config?.rpo_alpha) > 0 ? "dpo_sft" : "dpo";
  if (listed === "ipo") return "ipo";
  if (listed === "hinge") return "slic";
  // Reference-free losses (TRL's ORPO, SimPO and CPO trainers): named, so their rewards are not read as log-ratios.
  if (listed === "orpo" || listed === "simpo" || listed === "cpo") return listed;
  return undefined;
}

export function normaliseAlgorithm(algorithm: string | null): string {
  if (algorithm === null || algorithm.trim() === "") return "other";
  return algorithm.trim().toLowerCase().replaceAll("-", "_");
}

export function isDerivedAlgorithm(algorithm: string): algorithm is DerivedAlgorithm {
  return (DERIVED_ALGORITHMS as readonly string[]).includes(algorithm);
}

export function resolveLossParams(algorithm: string | null, config: Record<string, unknown>): LossParams {
  const name = normaliseAlgorithm(algorithm);
  const assumptions: string[] = [];
  // "β" as well: a script logging MLflow params by their symbol.
  const beta = readNumber(config, "beta", "β");
  let betaW = readNumber(config, "beta_w") ?? beta;
  let betaL = readNumber(config, "beta_l") ?? beta;
  // β only matters where rewards are β·(log-ratio) or the loss is logistic in it.
  const betaMatters = !["ipo", "slic", ...NON_IMPLICIT_REWARD_ALGORITHMS].includes(name);
  if ((betaW === undefined || betaL === undefined) && betaMatters) {
    const missing = betaW === undefined && betaL === undefined ? "beta" : betaW === undefined ? "beta_w" : "beta_l";
    assumptions.push(`config has no ${missing}; used ${DEFAULT_BETA} (TRL's default).`);
  }
  betaW ??= DEFAULT_BETA;
  betaL ??= DEFAULT_BETA;

  // TRL names DPO+SFT's weight `rpo_alpha`; the RPO paper uses α = 1.
  let alpha = readNumber(config, "alpha", "rpo_alpha");
  if (alpha === undefined && name === "dpo_sft") {
    assumptions.push("config has no alpha; used 1 (the RPO paper's choice).");
  }
  alpha ??= 1;

  // TRL's IPO reads τ from `beta`, so an IPO run logged by TRL carries τ under that name.
  let tau = readNumber(config, "tau") ?? (name === "ipo" ? beta : undefined);
  if (tau === undefined && name === "ipo") assumptions.push(`config has no tau or beta; used ${DEFAULT_BETA}.`);
  tau ??= DEFAULT_BETA;

  let delta = readNumber(config, "delta");
  if (delta === undefined && name === "slic") assumptions.push("config has no delta; used 1 (SLiC-HF's margin).");
  delta ??= 1;
  let lambda = readNumber(config, "lambda");
  if (lambda === undefined && name === "slic") assumptions.push("config has no lambda; used 0 (no regularisation term).");
  lambda ??= 0;

  return { algorithm: name, derived: isDerivedAlgorithm(name), betaW, betaL, alpha, tau, delta, lambda, assumptions };
}

/**
 * The scale s with `rewards/chosen = s_w·mean(c)` and `rewards/rejected = s_l·mean(r)` as trainers log them.
 * TRL logs β·(log-ratio) for every DPO-family loss (τ for IPO, because TRL stores τ in β); SLiC has no β,
 * so its "reward" is the log-ratio itself. The toy model logs with the same scale, so it round-trips.
 */
export function getRewardScale(params: LossParams): { w: number; l: number } {
  if (params.algorithm === "ipo") return { w: params.tau, l: params.tau };
  if (params.algorithm === "slic") return { w: 1, l: 1 };
  return { w: params.betaW, l: params.betaL };
}
