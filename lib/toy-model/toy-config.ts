// Options of a toy run and the config a runner would send for it. Defaults were chosen by scanning
// lr ∈ {1e-3, 1e-2, 5e-2}, hidden ∈ {4…64}, β ∈ {0.1, 0.5, 1}, init scale ∈ {1…20} over several seeds: with
// β = 0.1 (TRL's default) and Adam at lr = 1e-3 the dynamics spread over ~200 steps instead of ending in
// the first 40, so a 500-step run shows the whole story. (That scan used tanh units; the ReLU default
// keeps its lr, β and width, and takes ReLU's own init scale.)
//
// The hidden activation is ReLU by default, tanh on request (`activation`, recorded in the config), and the
// initial scale defaults to the activation's gain (√2 for ReLU, 1 for tanh; `init_scale` records it). With
// tanh, scenario-1 DPO barely lowers the chosen likelihood: the chosen answers of a prompt rise together
// and the mean chosen log-ratio c̄ stays near its ceiling. With ReLU the shared features couple them, so
// one answer's gain squeezes the others, and c̄ rises, then falls below the reference (degradation), as in
// the paper; the β_l sweep, DPO+SFT, IPO and SLiC then differ the way the paper says. Not reproduced with
// either: the unseen responses gaining mass in scenario 1 (it falls to ~1e-20; only scenario 2 shows a
// transient rise), and a fall in the mean chosen *probability*, which ends at its ceiling 1/4 — the fall
// is in log terms, mass moving between chosen answers. Details and numbers in mlp.ts and run-toy-model.test.ts.

import { resolveInitialTarget } from "./initial-target";
import { INIT_GAIN, type Activation } from "./mlp";
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
  /** Multiplies the initial weights' standard deviation; defaults to the activation's gain (see createMlp). */
  initScale?: number;
  /** The hidden layers' nonlinearity; ReLU by default (see the notes at the top of this file). */
  activation?: Activation;
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
  activation: "relu" as Activation,
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
  activation: Activation;
  optimizer: OptimizerName;
  log_every: number;
  sequences_every: number;
} & Partial<Record<LossConfigKey, number>>;

export function resolveToyConfig(options: ToyModelOptions): ToyConfig {
  const beta = options.beta ?? TOY_DEFAULTS.beta;
  const activation = options.activation ?? TOY_DEFAULTS.activation;
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
    init_scale: options.initScale ?? INIT_GAIN[activation],
    activation,
    optimizer: options.optimizer ?? TOY_DEFAULTS.optimizer,
    log_every: logEvery,
    sequences_every: Math.max(1, Math.floor(options.sequencesEvery ?? logEvery)),
  };
}
