// The paper's toy experiment end to end: fit the scenario's starting distribution, freeze a copy as the
// reference, then train with the chosen loss and log what a real runner would. Pure and deterministic:
// the options (seed included) fully determine the records.

import { resolveLossParams, type LossParams } from "@/lib/diagnostics/loss-params";
import type { SequenceRow } from "@/lib/diagnostics/types";

import { fitInitialDistribution } from "./fit-initial-distribution";
import { backwardMlp, createMlp, forwardMlp, logSoftmax, type ForwardCache, type Mlp } from "./mlp";
import { createOptimizer, type OptimizerName } from "./optimizer";
import { createMulberry32 } from "./prng";
import { addPairLogitGradient, evaluatePair, type PairEvaluation, type ToyState } from "./toy-objective";
import { buildToyMetrics, buildToySequences } from "./toy-records";
import { getScenarioTarget, HELD_OUT_PAIRS, PROMPT_COUNT, RESPONSE_COUNT, TRAIN_PAIRS, type ToyScenario } from "./toy-setup";

export type ToyAlgorithm = "dpo" | "flex_dpo" | "dpo_sft" | "ipo" | "slic" | "reward_model";

export type ToyModelOptions = {
  scenario: ToyScenario;
  algorithm: ToyAlgorithm;
  beta?: number;
  betaW?: number;
  betaL?: number;
  alpha?: number;
  tau?: number;
  delta?: number;
  lambda?: number;
  steps: number;
  lr?: number;
  seed?: number;
  hidden?: number;
  initScale?: number;
  headScale?: number;
  outputBias?: boolean;
  optimizer?: OptimizerName;
  /** Metrics every this many steps (and always at step 0 and the last step). */
  logEvery?: number;
  /** Sequence rows every this many steps; defaults to `logEvery`. */
  sequencesEvery?: number;
};

export type ToyRecord = { step: number; metrics: Record<string, number>; sequences: SequenceRow[] };

export type ToyRun = { config: Record<string, number | string>; algorithm: ToyAlgorithm; records: ToyRecord[] };

export const TOY_DEFAULTS = { beta: 0.5, lr: 0.01, seed: 1, hidden: 32, optimizer: "adam" as OptimizerName, logEvery: 1 };

/** The run's config as a runner would send it: snake_case, only the loss parameters the algorithm uses. */
export function resolveToyConfig(options: ToyModelOptions): Record<string, number | string> {
  const beta = options.beta ?? TOY_DEFAULTS.beta;
  const lossConfig: Record<string, number> = {};
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
      lossConfig.alpha = options.alpha ?? 1;
      break;
    case "ipo":
      lossConfig.tau = options.tau ?? beta;
      break;
    case "slic":
      lossConfig.delta = options.delta ?? 1;
      lossConfig.lambda = options.lambda ?? 0;
      break;
    case "reward_model":
      break;
  }
  const logEvery = options.logEvery ?? TOY_DEFAULTS.logEvery;
  return {
    scenario: options.scenario,
    ...lossConfig,
    steps: options.steps,
    lr: options.lr ?? TOY_DEFAULTS.lr,
    seed: options.seed ?? TOY_DEFAULTS.seed,
    hidden: options.hidden ?? TOY_DEFAULTS.hidden,
    optimizer: options.optimizer ?? TOY_DEFAULTS.optimizer,
    log_every: logEvery,
    sequences_every: options.sequencesEvery ?? logEvery,
  };
}

function evaluateState(mlp: Mlp, refLogProbs: Float64Array[]): { state: ToyState; caches: ForwardCache[] } {
  const caches = Array.from({ length: PROMPT_COUNT }, (_, prompt) => forwardMlp(mlp, prompt));
  const logits = caches.map((cache) => cache.logits);
  return { state: { logits, logProbs: logits.map(logSoftmax), refLogProbs }, caches };
}

function applyUpdate(
  params: LossParams,
  mlp: Mlp,
  state: ToyState,
  caches: ForwardCache[],
  evaluations: PairEvaluation[],
  grad: Float64Array,
): void {
  grad.fill(0);
  const dLogits = caches.map(() => new Float64Array(RESPONSE_COUNT));
  for (const evaluation of evaluations) {
    addPairLogitGradient(params, state, evaluation, 1 / evaluations.length, dLogits[evaluation.pair.prompt]!);
  }
  caches.forEach((cache, prompt) => backwardMlp(mlp, cache, dLogits[prompt]!, grad));
}

/** Yields one record per logged step, so a live view can draw while the run is going. */
export function* iterateToyModel(options: ToyModelOptions): Generator<ToyRecord, void, undefined> {
  const config = resolveToyConfig(options);
  const params = resolveLossParams(options.algorithm, config);
  const uniform = createMulberry32(config.seed as number);
  const mlp = createMlp(config.hidden as number, uniform, options.initScale ?? 1, options.headScale ?? 1, options.outputBias ?? true);
  fitInitialDistribution(mlp, getScenarioTarget(options.scenario));

  // The frozen reference is the fitted policy; only its log-probs are ever read, so they are all we keep.
  const refLogProbs = evaluateState(mlp, []).state.logProbs;
  const optimizer = createOptimizer(config.optimizer as OptimizerName, mlp.params.length, config.lr as number);
  const grad = new Float64Array(mlp.params.length);
  const logEvery = Math.max(1, config.log_every as number);
  const sequencesEvery = Math.max(1, config.sequences_every as number);

  for (let step = 0; step <= options.steps; step += 1) {
    const { state, caches } = evaluateState(mlp, refLogProbs);
    const evaluations = TRAIN_PAIRS.map((pair) => evaluatePair(params, state, pair));
    const last = step === options.steps;
    const logMetrics = step % logEvery === 0 || last;
    const logSequences = step % sequencesEvery === 0 || last;
    if (logMetrics || logSequences) {
      yield {
        step,
        metrics: logMetrics ? buildToyMetrics(params, evaluations, state, HELD_OUT_PAIRS) : {},
        sequences: logSequences ? buildToySequences(params, evaluations, state, step) : [],
      };
    }
    if (!last) {
      applyUpdate(params, mlp, state, caches, evaluations, grad);
      optimizer.step(mlp.params, grad);
    }
  }
}

export function runToyModel(options: ToyModelOptions): ToyRun {
  return { config: resolveToyConfig(options), algorithm: options.algorithm, records: [...iterateToyModel(options)] };
}
