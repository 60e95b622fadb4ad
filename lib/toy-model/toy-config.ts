// Options of a toy run and the config a runner would send for it. Defaults were chosen by scanning
// lr ∈ {1e-3, 1e-2, 5e-2}, hidden ∈ {4…64}, β ∈ {0.1, 0.5, 1}, init scale ∈ {1…20} over several seeds: with
// β = 0.1 (TRL's default) and Adam at lr = 1e-3 the dynamics spread over ~200 steps instead of ending in
// the first 40, so a 500-step run shows the whole story.

import { resolveInitialTarget } from "./initial-target";
import type { OptimizerName } from "./optimizer";
import type { ToyScenario } from "./toy-setup";

export type ToyAlgorithm = "dpo" | "flex_dpo" | "dpo_sft" | "ipo" | "slic" | "reward_model";

export type ToyModelOptions = {
  /** Picks step 1's target distribution; ignored when `initialTarget` is given. */
  scenario: ToyScenario;
  /** Step 1's target instead of the scenario's: ten probabilities shared by every prompt (see initial-target.ts). */
  initialTarget?: readonly number[];
  algorithm: ToyAlgorithm;
  /** DPO's β; also the default for β_w and β_l (flex_dpo) and for τ (ipo, TRL's convention). */
  beta?: number;
  betaW?: number;
  betaL?: number;
  /** DPO+SFT's weight on the chosen NLL. */
  alpha?: number;
  tau?: number;
  /** SLiC's margin δ and regularisation weight λ. */
  delta?: number;
  lambda?: number;
  steps: number;
  lr?: number;
  seed?: number;
  hidden?: number;
  /** Multiplies the initial weights' standard deviation (see createMlp). */
  initScale?: number;
  optimizer?: OptimizerName;
  /** Metrics every this many steps (and always at step 0 and the last step). */
  logEvery?: number;
  /** Sequence rows every this many steps; defaults to `logEvery`. */
  sequencesEvery?: number;
};

export const TOY_DEFAULTS = {
  beta: 0.1,
  alpha: 1,
  delta: 1,
  lambda: 0.1,
  lr: 1e-3,
  seed: 1,
  hidden: 32,
  initScale: 1,
  optimizer: "adam" as OptimizerName,
  logEvery: 1,
};

type LossConfigKey = "beta" | "beta_w" | "beta_l" | "alpha" | "tau" | "delta" | "lambda";

/** The run's config as a runner would send it: snake_case, with only the loss parameters the algorithm uses. */
export type ToyConfig = {
  /** "custom" when the run started from `initial_target` rather than one of the paper's scenarios. */
  scenario: ToyScenario | "custom";
  initial_target?: number[];
  steps: number;
  lr: number;
  seed: number;
  hidden: number;
  init_scale: number;
  optimizer: OptimizerName;
  log_every: number;
  sequences_every: number;
} & Partial<Record<LossConfigKey, number>>;

export function resolveToyConfig(options: ToyModelOptions): ToyConfig {
  const beta = options.beta ?? TOY_DEFAULTS.beta;
  const lossConfig: Partial<Record<LossConfigKey, number>> = {};
  switch (options.algorithm) {
    case "dpo":
      lossConfig.beta = beta;
      break;
    case "flex_dpo":
      lossConfig.beta_w = options.betaW ?? beta;
      lossConfig.beta_l = options.betaL ?? beta;
      break;
    case "dpo_sft":
      lossConfig.beta = beta;
      lossConfig.alpha = options.alpha ?? TOY_DEFAULTS.alpha;
      break;
    case "ipo":
      lossConfig.tau = options.tau ?? beta;
      break;
    case "slic":
      lossConfig.delta = options.delta ?? TOY_DEFAULTS.delta;
      lossConfig.lambda = options.lambda ?? TOY_DEFAULTS.lambda;
      break;
    case "reward_model":
      break;
  }
  const logEvery = Math.max(1, Math.floor(options.logEvery ?? TOY_DEFAULTS.logEvery));
  return {
    // A custom start is recorded as such, so it never lands in a scenario's row of the tables.
    ...(options.initialTarget ? { scenario: "custom" as const, initial_target: [...resolveInitialTarget(options)] } : { scenario: options.scenario }),
    ...lossConfig,
    steps: Math.max(0, Math.floor(options.steps)),
    lr: options.lr ?? TOY_DEFAULTS.lr,
    seed: options.seed ?? TOY_DEFAULTS.seed,
    hidden: options.hidden ?? TOY_DEFAULTS.hidden,
    init_scale: options.initScale ?? TOY_DEFAULTS.initScale,
    optimizer: options.optimizer ?? TOY_DEFAULTS.optimizer,
    log_every: logEvery,
    sequences_every: Math.max(1, Math.floor(options.sequencesEvery ?? logEvery)),
  };
}
