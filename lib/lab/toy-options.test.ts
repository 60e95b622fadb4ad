import { describe, expect, it } from "vitest";

import { runToyModel } from "../toy-model";
import { scenarioDistribution, setProbability } from "./distribution";
import { labRunName, toLiveToyOptions, toSavedToyOptions } from "./toy-options";
import type { LabSetup } from "./contract";

const metricsOf = (setup: LabSetup, toOptions: typeof toLiveToyOptions) => runToyModel(toOptions(setup)).records.map((r) => ({ step: r.step, metrics: r.metrics }));

describe("the lab's two runs of one setup", () => {
  it("store the metrics the browser drew, step for step, with sequences only where the 3D panel needs them", () => {
    const setup: LabSetup = { scenario: 1, algorithm: "dpo", beta: 0.1, steps: 250, seed: 2 };
    expect(metricsOf(setup, toSavedToyOptions)).toEqual(metricsOf(setup, toLiveToyOptions));
    const saved = runToyModel(toSavedToyOptions(setup)).records.filter((r) => r.sequences.length > 0);
    // Every ceil(250 / 100) = 3 steps, and the last.
    expect(saved.map((r) => r.step)).toEqual([...Array.from({ length: 84 }, (_, i) => i * 3), 250]);
    expect(
      runToyModel(toLiveToyOptions(setup))
        .records.filter((r) => r.sequences.length > 0)
        .map((r) => r.step),
    ).toEqual([0, 250]);
  });

  it("start from the dragged distribution and pass the algorithm's parameters", () => {
    const dist = setProbability(scenarioDistribution(1), 9, 0.4);
    const setup: LabSetup = { scenario: "custom", initial_distribution: dist, algorithm: "flex_dpo", beta_w: 0.1, beta_l: 0.01, steps: 5, seed: 1 };
    const run = runToyModel(toSavedToyOptions(setup));
    expect(run.config).toMatchObject({ scenario: "custom", beta_w: 0.1, beta_l: 0.01, steps: 5 });
    run.config.initial_target!.forEach((p, i) => expect(p).toBeCloseTo(dist[i]!, 12));
    expect(run.records[0]!.metrics["toy/unseen_mass"]).toBeCloseTo(dist[8]! + dist[9]!, 3);
  });
});

describe("labRunName", () => {
  it("follows the demo's names, saying custom for a dragged start", () => {
    expect(labRunName({ scenario: 1, algorithm: "dpo", beta: 0.1, steps: 300, seed: 1 })).toBe("toy-s1-dpo-b0.1-seed1");
    expect(labRunName({ scenario: "custom", initial_distribution: scenarioDistribution(2), algorithm: "flex_dpo", beta_w: 0.1, beta_l: 0.01, steps: 9, seed: 3 })).toBe(
      "toy-custom-flex_dpo-bw0.1-bl0.01-seed3",
    );
  });
});
