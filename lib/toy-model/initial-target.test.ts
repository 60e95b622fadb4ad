import { describe, expect, it } from "vitest";

import { resolveInitialTarget } from "./initial-target";
import { runToyModel } from "./run-toy-model";
import { resolveToyConfig } from "./toy-config";
import { getScenarioTarget } from "./toy-setup";

describe("resolveInitialTarget", () => {
  it("is the scenario's target when no custom one is given", () => {
    expect(resolveInitialTarget({ scenario: 3 })).toEqual(getScenarioTarget(3));
  });

  it("normalises a custom target and refuses one that is not ten non-negative weights", () => {
    expect([...resolveInitialTarget({ scenario: 1, initialTarget: [2, 2, 2, 2, 1, 1, 1, 1, 4, 4] })]).toEqual([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.2, 0.2]);
    expect(() => resolveInitialTarget({ scenario: 1, initialTarget: [1, 1] })).toThrow(/10 probabilities/);
    expect(() => resolveInitialTarget({ scenario: 1, initialTarget: [1, 1, 1, 1, 1, 1, 1, 1, 1, -1] })).toThrow(/non-negative/);
    expect(() => resolveInitialTarget({ scenario: 1, initialTarget: Array(10).fill(0) })).toThrow(/sums to 0/);
  });
});

describe("a toy run from a custom initial distribution", () => {
  it("equals the scenario's run when the custom target is the scenario's, and says it was custom", () => {
    const preset = runToyModel({ scenario: 2, algorithm: "dpo", steps: 15, seed: 5 });
    const custom = runToyModel({ scenario: 1, initialTarget: [...getScenarioTarget(2)], algorithm: "dpo", steps: 15, seed: 5 });
    expect(custom.records).toEqual(preset.records);
    expect(custom.config.scenario).toBe("custom");
    expect(custom.config.initial_target).toEqual([...getScenarioTarget(2)]);
    expect(preset.config).not.toHaveProperty("initial_target");
  });

  it("starts from the custom distribution", () => {
    const target = [0.3, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3];
    const first = runToyModel({ scenario: 1, initialTarget: target, algorithm: "dpo", steps: 0 }).records[0]!;
    // Mean over the four training pairs (chosen i vs rejected i): πw = (0.3 + 3·0.05)/4, unseen = 0.35.
    expect(first.metrics["toy/pi_chosen"]).toBeCloseTo(0.1125, 3);
    expect(first.metrics["toy/pi_rejected"]).toBeCloseTo(0.05, 3);
    expect(first.metrics["toy/unseen_mass"]).toBeCloseTo(0.35, 3);
    expect(resolveToyConfig({ scenario: 4, initialTarget: target, algorithm: "dpo", steps: 0 }).scenario).toBe("custom");
  });
});
