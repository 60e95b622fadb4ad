// The data of the paper's toy model (Section 3.2): 4 one-hot prompts, 10 responses each. Responses 1–4
// (indices 0–3) are the chosen answers, 5–8 (4–7) the rejected ones, 9–10 (8–9) never appear in any pair,
// so any mass they gain is mass the preference loss pushed off the data (dispersion).

export const PROMPT_COUNT = 4;
export const RESPONSE_COUNT = 10;
export const CHOSEN = [0, 1, 2, 3] as const;
export const REJECTED = [4, 5, 6, 7] as const;
export const UNSEEN = [8, 9] as const;

export type ToyScenario = 1 | 2 | 3 | 4;

export type ToyPair = { prompt: number; chosen: number; rejected: number; id: string };

function pairId(prompt: number, chosen: number, rejected: number): string {
  // 1-based response numbers, as the paper names them: p0-c1-r5 is response 1 over response 5.
  return `p${prompt}-c${chosen + 1}-r${rejected + 1}`;
}

/** Training pairs: chosen i against rejected i, four per prompt, so every response is in exactly one pair. */
export const TRAIN_PAIRS: readonly ToyPair[] = Array.from({ length: PROMPT_COUNT }, (_, prompt) =>
  CHOSEN.map((chosen, i) => {
    const rejected = REJECTED[i]!;
    return { prompt, chosen, rejected, id: pairId(prompt, chosen, rejected) };
  }),
).flat();

/**
 * Held-out pairs: the twelve cross pairings (chosen i, rejected j ≠ i) per prompt that training never shows.
 * They share responses with training pairs, so they test whether the learned ordering is consistent,
 * which is what the paper's held-out preference accuracy asks of DPO's implicit reward and of a reward model.
 */
export const HELD_OUT_PAIRS: readonly ToyPair[] = Array.from({ length: PROMPT_COUNT }, (_, prompt) =>
  CHOSEN.flatMap((chosen, i) => REJECTED.filter((_, j) => j !== i).map((rejected) => ({ prompt, chosen, rejected, id: pairId(prompt, chosen, rejected) }))),
).flat();

/**
 * Step 1's target distribution per scenario, the same for every prompt. A likely group holds 80% of the
 * mass (0.2 per response), or 48% when both groups are likely (0.12 each, so the two stay equal); an
 * unlikely group holds 4% (0.01 per response); the two unseen responses share what is left, so they start
 * small unless both groups are unlikely.
 *
 * | scenario | each chosen | each rejected | each unseen |
 * |---|---|---|---|
 * | 1 both likely | 0.12 | 0.12 | 0.02 |
 * | 2 chosen unlikely | 0.01 | 0.20 | 0.08 |
 * | 3 rejected unlikely | 0.20 | 0.01 | 0.08 |
 * | 4 both unlikely | 0.01 | 0.01 | 0.46 |
 */
const SCENARIO_PROBABILITIES: Record<ToyScenario, { chosen: number; rejected: number }> = {
  1: { chosen: 0.12, rejected: 0.12 },
  2: { chosen: 0.01, rejected: 0.2 },
  3: { chosen: 0.2, rejected: 0.01 },
  4: { chosen: 0.01, rejected: 0.01 },
};

export function getScenarioTarget(scenario: ToyScenario): Float64Array {
  const { chosen, rejected } = SCENARIO_PROBABILITIES[scenario];
  const unseen = (1 - CHOSEN.length * chosen - REJECTED.length * rejected) / UNSEEN.length;
  const target = new Float64Array(RESPONSE_COUNT);
  for (const i of CHOSEN) target[i] = chosen;
  for (const i of REJECTED) target[i] = rejected;
  for (const i of UNSEEN) target[i] = unseen;
  return target;
}
