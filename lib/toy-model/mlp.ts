// The toy model's network: one-hot prompt → tanh hidden → tanh hidden → one logit per response, with
// hand-written backprop. All weights live in one Float64Array so the optimiser is a loop over numbers and
// copying the policy (for the frozen reference) is a single slice.

import { createNormal } from "./prng";
import { PROMPT_COUNT, RESPONSE_COUNT } from "./toy-setup";

export type MlpShape = { inputs: number; hidden: number; outputs: number };

/** Offsets of each weight block inside the flat parameter vector. */
type Layout = { w1: number; b1: number; w2: number; b2: number; w3: number; b3: number; size: number };

export type Mlp = { shape: MlpShape; layout: Layout; params: Float64Array };

/** What the forward pass keeps for backprop, for one prompt. */
export type ForwardCache = { prompt: number; h1: Float64Array; h2: Float64Array; logits: Float64Array };

function computeLayout({ inputs, hidden, outputs }: MlpShape): Layout {
  const w1 = 0;
  const b1 = w1 + hidden * inputs;
  const w2 = b1 + hidden;
  const b2 = w2 + hidden * hidden;
  const w3 = b2 + hidden;
  const b3 = w3 + outputs * hidden;
  return { w1, b1, w2, b2, w3, b3, size: b3 + outputs };
}

/**
 * Gaussian weights with standard deviation initScale/√fan-in, zero biases. initScale = 1 keeps tanh out of
 * saturation; large values (≈10) make the drift of the shared hidden features, rather than the per-response
 * output rows, dominate what DPO does to each response, which is the regime where mass can leak to the
 * unseen responses (seed-dependent: see the toy-model notes in run-toy-model.ts).
 */
export function createMlp(hidden: number, uniform: () => number, initScale = 1): Mlp {
  const shape = { inputs: PROMPT_COUNT, hidden, outputs: RESPONSE_COUNT };
  const layout = computeLayout(shape);
  const params = new Float64Array(layout.size);
  const normal = createNormal(uniform);
  const fill = (start: number, count: number, fanIn: number) => {
    const scale = initScale / Math.sqrt(fanIn);
    for (let i = start; i < start + count; i += 1) params[i] = normal() * scale;
  };
  // A one-hot input has fan-in 1 in effect, so the first layer gets unit variance.
  fill(layout.w1, hidden * shape.inputs, 1);
  fill(layout.w2, hidden * hidden, hidden);
  fill(layout.w3, shape.outputs * hidden, hidden);
  return { shape, layout, params };
}

export function forwardMlp(mlp: Mlp, prompt: number): ForwardCache {
  const { shape, layout, params } = mlp;
  const { hidden, inputs, outputs } = shape;
  const h1 = new Float64Array(hidden);
  for (let j = 0; j < hidden; j += 1) {
    h1[j] = Math.tanh(params[layout.w1 + j * inputs + prompt]! + params[layout.b1 + j]!);
  }
  const h2 = new Float64Array(hidden);
  for (let j = 0; j < hidden; j += 1) {
    let a = params[layout.b2 + j]!;
    const row = layout.w2 + j * hidden;
    for (let k = 0; k < hidden; k += 1) a += params[row + k]! * h1[k]!;
    h2[j] = Math.tanh(a);
  }
  const logits = new Float64Array(outputs);
  for (let o = 0; o < outputs; o += 1) {
    let a = params[layout.b3 + o]!;
    const row = layout.w3 + o * hidden;
    for (let k = 0; k < hidden; k += 1) a += params[row + k]! * h2[k]!;
    logits[o] = a;
  }
  return { prompt, h1, h2, logits };
}

/** Adds ∂L/∂params into `grad`, given ∂L/∂logits for the prompt the cache came from. */
export function backwardMlp(mlp: Mlp, cache: ForwardCache, dLogits: Float64Array, grad: Float64Array): void {
  const { shape, layout, params } = mlp;
  const { hidden, inputs, outputs } = shape;
  const { prompt, h1, h2 } = cache;

  const dA2 = new Float64Array(hidden);
  for (let o = 0; o < outputs; o += 1) {
    const d = dLogits[o]!;
    if (d === 0) continue;
    grad[layout.b3 + o]! += d;
    const row = layout.w3 + o * hidden;
    for (let k = 0; k < hidden; k += 1) {
      grad[row + k]! += d * h2[k]!;
      dA2[k]! += d * params[row + k]!;
    }
  }
  // tanh' = 1 - tanh².
  for (let k = 0; k < hidden; k += 1) dA2[k]! *= 1 - h2[k]! * h2[k]!;

  const dA1 = new Float64Array(hidden);
  for (let j = 0; j < hidden; j += 1) {
    const d = dA2[j]!;
    grad[layout.b2 + j]! += d;
    const row = layout.w2 + j * hidden;
    for (let k = 0; k < hidden; k += 1) {
      grad[row + k]! += d * h1[k]!;
      dA1[k]! += d * params[row + k]!;
    }
  }
  for (let j = 0; j < hidden; j += 1) {
    const d = dA1[j]! * (1 - h1[j]! * h1[j]!);
    grad[layout.w1 + j * inputs + prompt]! += d;
    grad[layout.b1 + j]! += d;
  }
}

/** log softmax of the logits, shifted by the max so exp never overflows. */
export function logSoftmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const z of logits) max = Math.max(max, z);
  let sum = 0;
  for (const z of logits) sum += Math.exp(z - max);
  const logNorm = max + Math.log(sum);
  return logits.map((z) => z - logNorm);
}
