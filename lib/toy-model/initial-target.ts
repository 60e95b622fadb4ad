// Step 1's target when a caller brings its own: the lab lets a researcher drag the ten starting probabilities
// instead of picking one of the paper's four scenarios. Kept apart from toy-setup.ts so the scenario table
// there stays the paper's, and the custom path is one small function.

import { getScenarioTarget, RESPONSE_COUNT, type ToyScenario } from "./toy-setup";

/**
 * The distribution step 1 fits: `initialTarget` when given (ten non-negative weights, the same for every
 * prompt, normalised here so a hand-typed one need not sum to exactly 1), else the scenario's.
 */
export function resolveInitialTarget(options: { scenario: ToyScenario; initialTarget?: readonly number[] }): Float64Array {
  const custom = options.initialTarget;
  if (custom === undefined) return getScenarioTarget(options.scenario);
  if (custom.length !== RESPONSE_COUNT) throw new RangeError(`initialTarget needs ${RESPONSE_COUNT} probabilities, got ${custom.length}`);
  let sum = 0;
  for (const p of custom) {
    if (!Number.isFinite(p) || p < 0) throw new RangeError(`initialTarget holds ${p}; probabilities are finite and non-negative`);
    sum += p;
  }
  if (sum <= 0) throw new RangeError("initialTarget sums to 0");
  return Float64Array.from(custom, (p) => p / sum);
}
