// Plain SGD and Adam over a flat parameter vector. Adam is the default because the paper's runs use it and
// because its per-weight scaling keeps the toy's dynamics moving once σ(-u) becomes small.

export type OptimizerName = "sgd" | "adam";

export type Optimizer = { step: (params: Float64Array, grad: Float64Array) => void };

export function createOptimizer(name: OptimizerName, size: number, lr: number): Optimizer {
  if (name === "sgd") {
    return {
      step(params, grad) {
        for (let i = 0; i < size; i += 1) params[i]! -= lr * grad[i]!;
      },
    };
  }
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let t = 0;
  return {
    step(params, grad) {
      t += 1;
      const correction1 = 1 - beta1 ** t;
      const correction2 = 1 - beta2 ** t;
      for (let i = 0; i < size; i += 1) {
        const g = grad[i]!;
        m[i] = beta1 * m[i]! + (1 - beta1) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        params[i]! -= (lr * (m[i]! / correction1)) / (Math.sqrt(v[i]! / correction2) + eps);
      }
    },
  };
}
