// Step 1 of the toy experiment: put the network in the scenario's starting point by minimising the
// cross-entropy to a target distribution, the same for every prompt. Minimising it makes the softmax equal
// the target, so the scenario is set by the target alone, not by how training happened to go.

import { backwardMlp, forwardMlp, logSoftmax, type Mlp } from "./mlp";
import { createOptimizer } from "./optimizer";
import { PROMPT_COUNT, RESPONSE_COUNT } from "./toy-setup";

export type FitOptions = { steps: number; lr: number; tolerance: number };

/** Enough for the fit to reach a KL of ~1e-5 from any seed tried, at a cost of a few milliseconds. */
export const DEFAULT_FIT: FitOptions = { steps: 3000, lr: 0.01, tolerance: 1e-5 };

/** Fits in place and returns the final mean KL(target ‖ model) over prompts, in nats. */
export function fitInitialDistribution(mlp: Mlp, target: Float64Array, options: FitOptions = DEFAULT_FIT): number {
  const optimizer = createOptimizer("adam", mlp.params.length, options.lr);
  const grad = new Float64Array(mlp.params.length);
  const dLogits = new Float64Array(RESPONSE_COUNT);
  let kl = Infinity;
  for (let step = 0; step < options.steps; step += 1) {
    grad.fill(0);
    kl = 0;
    for (let prompt = 0; prompt < PROMPT_COUNT; prompt += 1) {
      const cache = forwardMlp(mlp, prompt);
      const logProbs = logSoftmax(cache.logits);
      for (let k = 0; k < RESPONSE_COUNT; k += 1) {
        const t = target[k]!;
        if (t > 0) kl += (t * (Math.log(t) - logProbs[k]!)) / PROMPT_COUNT;
        // ∂CE/∂z = softmax - target.
        dLogits[k] = (Math.exp(logProbs[k]!) - t) / PROMPT_COUNT;
      }
      backwardMlp(mlp, cache, dLogits, grad);
    }
    if (kl < options.tolerance) break;
    optimizer.step(mlp.params, grad);
  }
  return kl;
}
