// The paper's toy experiment end to end: fit the scenario's starting distribution, freeze it as the
// reference, then train with the chosen loss and log what a real runner would. Pure and deterministic:
// the options (seed included) fully determine the records.
//
// What this toy does and does not show (measured with the default ReLU network; see run-toy-model.test.ts
// and the notes in mlp.ts). With a softmax over per-response logits, DPO's gradient with respect to the
// logits is exactly balanced, ∂L/∂z_w = -β·σ(-u) = -∂L/∂z_l, however large ∂L/∂πl/∂L/∂πw gets. So the
// rejected log-prob collapses (drastic drop) and the gradient ratio explodes as the paper says. Through the
// shared ReLU features one chosen answer per prompt then takes the freed mass and squeezes the others: the
// mean chosen log-ratio c̄ rises for ~50 steps, then falls below the reference (degradation; the dispersion
// flag fires because each pair loses mass, to the prompt's other chosen answers). The mean πw still ends at
// its ceiling 1/4, and the unseen mass falls in scenario 1; it rises only transiently, in scenario 2.
// Small β_l, DPO+SFT, IPO and SLiC keep c̄ up. With `activation: "tanh"` the chosen answers mostly rise
// together and c̄ stays near its ceiling (only a few pairs dip below the reference).

import { resolveLossParams } from "@/lib/diagnostics/loss-params";
import type { SequenceRow } from "@/lib/diagnostics/types";

import { fitInitialDistribution } from "./fit-initial-distribution";
import { resolveInitialTarget } from "./initial-target";
import { createMlp } from "./mlp";
import { createOptimizer } from "./optimizer";
import { createMulberry32 } from "./prng";
import { resolveToyConfig, type ToyAlgorithm, type ToyConfig, type ToyModelOptions } from "./toy-config";
import { computeToyGradient, evaluatePair, evaluateToyState } from "./toy-objective";
import { buildToyMetrics, buildToySequences } from "./toy-records";
import { HELD_OUT_PAIRS, TRAIN_PAIRS } from "./toy-setup";

export type { ToyAlgorithm, ToyModelOptions } from "./toy-config";

export type ToyRecord = { step: number; metrics: Record<string, number>; sequences: SequenceRow[] };

export type ToyRun = { config: ToyConfig; algorithm: ToyAlgorithm; records: ToyRecord[] };

/**
 * Yields one record per logged step (step 0 is the fitted reference, step t the state after t updates),
 * so a live view can draw while the run goes on.
 */
export function* iterateToyModel(options: ToyModelOptions): Generator<ToyRecord, void, undefined> {
  const config = resolveToyConfig(options);
  const params = resolveLossParams(options.algorithm, config);
  const mlp = createMlp(config.hidden, createMulberry32(config.seed), { initScale: config.init_scale, activation: config.activation });
  fitInitialDistribution(mlp, resolveInitialTarget(options));

  // The frozen reference is the fitted policy; only its log-probs are ever read, so they are all we keep.
  const refLogProbs = evaluateToyState(mlp, []).state.logProbs;
  const optimizer = createOptimizer(config.optimizer, mlp.params.length, config.lr);
  const grad = new Float64Array(mlp.params.length);
  const { steps, log_every: logEvery, sequences_every: sequencesEvery } = config;

  for (let step = 0; step <= steps; step += 1) {
    const { state, caches } = evaluateToyState(mlp, refLogProbs);
    const evaluations = TRAIN_PAIRS.map((pair) => evaluatePair(params, state, pair));
    const last = step === steps;
    const logMetrics = step % logEvery === 0 || last;
    const logSequences = step % sequencesEvery === 0 || last;
    if (logMetrics || logSequences) {
      yield {
        step,
        metrics: logMetrics ? buildToyMetrics(params, evaluations, state, HELD_OUT_PAIRS) : {},
        sequences: logSequences ? buildToySequences(params, evaluations, state, step) : [],
      };
    }
    if (last) break;
    computeToyGradient(params, mlp, state, caches, evaluations, grad);
    optimizer.step(mlp.params, grad);
  }
}

export function runToyModel(options: ToyModelOptions): ToyRun {
  return { config: resolveToyConfig(options), algorithm: options.algorithm, records: [...iterateToyModel(options)] };
}
