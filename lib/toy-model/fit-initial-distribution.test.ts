import { describe, expect, it } from "vitest";

import { fitInitialDistribution } from "./fit-initial-distribution";
import { createMlp, forwardMlp, logSoftmax } from "./mlp";
import { createMulberry32 } from "./prng";
import { getScenarioTarget, PROMPT_COUNT, type ToyScenario } from "./toy-setup";

describe("step 1: fitting the scenario's starting distribution", () => {
  it.each([1, 2, 3, 4] as ToyScenario[])("scenario %i reaches its target for every prompt", (scenario) => {
    const target = getScenarioTarget(scenario);
    expect(target.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const mlp = createMlp(32, createMulberry32(scenario));
    expect(fitInitialDistribution(mlp, target)).toBeLessThan(1e-4);
    for (let prompt = 0; prompt < PROMPT_COUNT; prompt += 1) {
      const probs = logSoftmax(forwardMlp(mlp, prompt).logits).map(Math.exp);
      probs.forEach((p, k) => expect(p).toBeCloseTo(target[k]!, 2));
    }
  });
});

describe("mulberry32", () => {
  it("is deterministic per seed and stays in [0, 1)", () => {
    const a = createMulberry32(42);
    const b = createMulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(createMulberry32(43)()).not.toBe(draws[0]);
  });
});
