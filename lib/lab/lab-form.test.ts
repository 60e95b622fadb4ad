import { describe, expect, it } from "vitest";

import { scenarioDistribution, setProbability } from "./distribution";
import { DEFAULT_LAB_FORM, labFormToSearchParams, labFormToSetup, parseLabSearchParams, type LabForm } from "./lab-form";

function form(overrides: Partial<LabForm> = {}, params: Partial<LabForm["params"]> = {}): LabForm {
  return { ...DEFAULT_LAB_FORM, ...overrides, params: { ...DEFAULT_LAB_FORM.params, ...params } };
}

const roundTrip = (f: LabForm) => parseLabSearchParams(Object.fromEntries(labFormToSearchParams(f)));

describe("the lab's URL", () => {
  it("holds a preset setup with only the algorithm's parameters", () => {
    const f = form({ scenario: 3, distribution: scenarioDistribution(3), algorithm: "flex_dpo", steps: "300", seed: "7" }, { beta_l: "0.005" });
    expect(labFormToSearchParams(f).toString()).toBe("scenario=3&algorithm=flex_dpo&beta_w=0.1&beta_l=0.005&steps=300&seed=7");
    expect(roundTrip(f)).toEqual(f);
  });

  it("holds a dragged distribution closely enough to redraw the same run", () => {
    const f = form({ scenario: "custom", distribution: setProbability(scenarioDistribution(1), 8, 0.3) });
    const back = roundTrip(f);
    expect(back.scenario).toBe("custom");
    back.distribution.forEach((p, i) => expect(p).toBeCloseTo(f.distribution[i]!, 8));
  });

  it("falls back to the defaults for anything missing or malformed", () => {
    expect(parseLabSearchParams({})).toEqual(DEFAULT_LAB_FORM);
    const bad = parseLabSearchParams({ scenario: "9", algorithm: "ppo", beta: "abc", steps: "", dist: "1,2" });
    expect(bad).toEqual(DEFAULT_LAB_FORM);
    // A custom scenario without a usable distribution is the default preset, not a broken custom one.
    expect(parseLabSearchParams({ scenario: "custom", dist: "1,2,3" }).scenario).toBe(1);
    expect(parseLabSearchParams({ scenario: ["2", "3"] }).distribution).toEqual(scenarioDistribution(2));
  });
});

describe("labFormToSetup", () => {
  it("turns the default form into a valid DPO setup with numbers", () => {
    expect(labFormToSetup(DEFAULT_LAB_FORM)).toEqual({ ok: true, setup: { scenario: 1, algorithm: "dpo", beta: 0.1, steps: 500, seed: 1 } });
  });

  it("sends only the parameters the algorithm reads, and the distribution only when custom", () => {
    const sft = labFormToSetup(form({ algorithm: "dpo_sft" }, { alpha: "0.5", beta_l: "not a number" }));
    expect(sft).toEqual({ ok: true, setup: { scenario: 1, algorithm: "dpo_sft", beta: 0.1, alpha: 0.5, steps: 500, seed: 1 } });
    const dist = setProbability(scenarioDistribution(4), 0, 0.2);
    const custom = labFormToSetup(form({ scenario: "custom", distribution: dist, algorithm: "reward_model" }));
    expect(custom).toEqual({ ok: true, setup: { scenario: "custom", initial_distribution: dist, algorithm: "reward_model", steps: 500, seed: 1 } });
  });

  it("names the fields that are wrong", () => {
    const result = labFormToSetup(form({ steps: "5001", seed: "" }, { beta: "0" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["beta", "seed", "steps"]);
  });
});
