import type { ToyModelOptions } from "../toy-model";

export interface DemoRunSpec {
  toy: ToyModelOptions;
  group: string;
  tags: string[];
}

const STEPS = 500;
const SEEDS = [1, 2, 3];

/**
 * The demo project: what the paper compares, on its toy model. Scenario × seed for the scenario table; a β_l
 * sweep at β_w = 0.1 (Figure 9); DPO+SFT, IPO and SLiC for the method table; a Bradley–Terry reward model on
 * the same pairs as DPO for the accuracy comparison (Figure 4).
 */
export function demoRunSpecs(): DemoRunSpec[] {
  const base = { steps: STEPS, sequencesEvery: 5 } as const;
  const specs: DemoRunSpec[] = [];
  for (const scenario of [1, 2, 3, 4] as const) {
    for (const seed of SEEDS) specs.push({ toy: { ...base, scenario, algorithm: "dpo", beta: 0.1, seed }, group: `scenario-${scenario}`, tags: ["scenario-table"] });
  }
  for (const betaL of [0.1, 0.05, 0.02, 0.01, 0.005]) {
    specs.push({ toy: { ...base, scenario: 1, algorithm: "flex_dpo", betaW: 0.1, betaL, seed: 1 }, group: "beta_l-sweep", tags: ["sweep"] });
  }
  for (const seed of SEEDS) {
    specs.push({ toy: { ...base, scenario: 1, algorithm: "dpo_sft", beta: 0.1, alpha: 1, seed }, group: "methods", tags: ["method-table"] });
    specs.push({ toy: { ...base, scenario: 1, algorithm: "ipo", beta: 0.1, seed }, group: "methods", tags: ["method-table"] });
    specs.push({ toy: { ...base, scenario: 1, algorithm: "slic", beta: 0.1, seed }, group: "methods", tags: ["method-table"] });
    specs.push({ toy: { ...base, scenario: 1, algorithm: "reward_model", seed }, group: "dpo-vs-rm", tags: ["reward-model"] });
  }
  return specs;
}
