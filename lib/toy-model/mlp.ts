// The toy model's network: one-hot prompt → hidden → hidden → one logit per response, with hand-written
// backprop. All weights live in one Float64Array so the optimiser is a loop over numbers and copying the
// policy (for the frozen reference) is a single slice.
//
// Why ReLU by default. DPO's gradient on the logits is balanced per pair (∂L/∂z_w = -∂L/∂z_l), so a chosen
// response can only lose likelihood through what the responses share: the hidden features and the softmax
// normaliser. With tanh (bounded, dense features) the chosen answers of a prompt mostly rise together: the
// mean chosen log-ratio c̄ ends at 0.17–0.73 nats in seeds 1–10, near its ceiling ln(0.25/0.12) ≈ 0.73,
// with only a few pairs dipping below the reference. With ReLU (sparse, unbounded, piecewise-linear
// features) the coupling through the shared units lets one chosen answer's gain squeeze the prompt's other
// chosen answers: by step 500 one of them holds most of the prompt's mass and the others sit far below
// the reference. That reproduces the paper's degradation in log-prob terms (c̄ rises for ~50 steps, then
// falls below the reference in all of seeds 1–10, 19 of 1–20) and fires the per-pair dispersion flag.
// What it does not reproduce: the squeezed mass goes to the other chosen answers, so the mean chosen
// probability still ends at its ceiling 1/4, and the unseen responses 9–10 lose mass in scenario 1
// (see run-toy-model.ts).
//
// Why He-scaled weights (√2/√fan-in) with ReLU. At tanh's unit scale, DPO in scenario 2 switched off every
// second-layer ReLU unit in seeds 1 and 2, leaving only the output biases to learn: πw stalled at ≈ 0.14
// (seed 10 slowed, to 0.21). He et al. 2015's gain, the standard one for ReLU, removes the stall in
// seeds 1–20 (πw reaches 1/4) and keeps scenario 1's behaviour (it sharpens it: degradation 10/10 seeds
// instead of 9/10). Halving or doubling the learning rate does not fix it; 64 hidden units only partly do.

import { createNormal } from "./prng";
import { PROMPT_COUNT, RESPONSE_COUNT } from "./toy-setup";

export type MlpShape = { inputs: number; hidden: number; outputs: number };

/** Offsets of each weight block inside the flat parameter vector. */
type Layout = { w1: number; b1: number; w2: number; b2: number; w3: number; b3: number; size: number };

export type Activation = "relu" | "tanh";

export type Mlp = { shape: MlpShape; layout: Layout; params: Float64Array; activation: Activation };

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
 * The weights' standard deviation per unit of 1/√fan-in that keeps each activation's signal at a steady
 * scale through the layers: He et al. 2015's √2 for ReLU (which zeroes half its inputs), 1 for tanh.
 */
export const INIT_GAIN: Record<Activation, number> = { relu: Math.SQRT2, tanh: 1 };

/**
 * Gaussian weights with standard deviation initScale/√fan-in (initScale defaults to the activation's gain),
 * zero biases. Large scales (≈10) make the drift of the shared hidden features, rather than the
 * per-response output rows, dominate what DPO does to each response.
 */
export function createMlp(hidden: number, uniform: () => number, options: { initScale?: number; activation?: Activation } = {}): Mlp {
  const activation = options.activation ?? "relu";
  const initScale = options.initScale ?? INIT_GAIN[activation];
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
  return { shape, layout, params, activation };
}

const activate = (activation: Activation, a: number) => (activation === "relu" ? (a > 0 ? a : 0) : Math.tanh(a));

/** The activation's derivative, from its output h: relu' = [h > 0], tanh' = 1 - h². */
const derivative = (activation: Activation, h: number) => (activation === "relu" ? (h > 0 ? 1 : 0) : 1 - h * h);

export function forwardMlp(mlp: Mlp, prompt: number): ForwardCache {
  const { shape, layout, params, activation } = mlp;
  const { hidden, inputs, outputs } = shape;
  const h1 = new Float64Array(hidden);
  for (let j = 0; j < hidden; j += 1) {
    h1[j] = activate(activation, params[layout.w1 + j * inputs + prompt]! + params[layout.b1 + j]!);
  }
  const h2 = new Float64Array(hidden);
  for (let j = 0; j < hidden; j += 1) {
    let a = params[layout.b2 + j]!;
    const row = layout.w2 + j * hidden;
    for (let k = 0; k < hidden; k += 1) a += params[row + k]! * h1[k]!;
    h2[j] = activate(activation, a);
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
  const { shape, layout, params, activation } = mlp;
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
  for (let k = 0; k < hidden; k += 1) dA2[k]! *= derivative(activation, h2[k]!);

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
    const d = dA1[j]! * derivative(activation, h1[j]!);
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
