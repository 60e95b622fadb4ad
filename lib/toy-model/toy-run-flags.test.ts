// The flags on toy runs: they must fire where the run shows a property and stay quiet where it does not,
// from per-pair rows and from the batch means alone.

import { describe, expect, it } from "vitest";

import { computeDiagnostics } from "@/lib/diagnostics/compute-diagnostics";

import { runToyModel } from "./run-toy-model";
import type { ToyModelOptions } from "./toy-config";
import { convertToyRunToRunInput } from "./toy-run-input";

function diagnose(options: Partial<ToyModelOptions>, source: "sequences" | "batch_means" = "sequences") {
  const input = convertToyRunToRunInput(runToyModel({ scenario: 1, algorithm: "dpo", steps: 500, ...options }));
  return computeDiagnostics(source === "sequences" ? input : { ...input, sequences: [] });
}

const properties = (result: ReturnType<typeof diagnose>) => Object.fromEntries(result.flags.map((f) => [f.property, f.severity]));

describe("flags on toy runs", () => {
  it.each(["sequences", "batch_means"] as const)("scenario-1 DPO: drastic drop, degradation and dispersion, from %s", (source) => {
    // Seeds 1–10 all show the three from both sources; the demo's seeds 1–3 are pinned here.
    for (const seed of [1, 2, 3]) {
      const result = diagnose({ seed }, source);
      expect(result.summary.source).toBe(source);
      const flags = properties(result);
      expect(Object.keys(flags).sort()).toEqual(["degradation", "dispersion", "drastic_drop"]);
      expect(flags.drastic_drop).toBe("critical");
      expect(flags.degradation).toBe("critical");
      const drop = result.flags.find((f) => f.property === "drastic_drop")!;
      expect(drop.first_step).toBeLessThan(60);
      expect(drop.evidence.rejected_change).toBeLessThan(-2);
      const degradation = result.flags.find((f) => f.property === "degradation")!;
      expect(degradation.first_step).toBeGreaterThan(drop.first_step);
      expect(degradation.evidence.chosen_fall_from_peak).toBeGreaterThanOrEqual(degradation.evidence.threshold_chosen_fall_from_peak as number);
    }
  });

  it("degradation fades along the β_l sweep (β_w = 0.1): critical at β_l = 0.1, gone at β_l ≤ 0.02", () => {
    // At β_l = 0.05 it is seed-dependent (none in seed 1, info or warning in seeds 2–6 and 9); every β_l keeps
    // the drastic drop, since the rejected still collapses.
    const sweep = (betaL: number) => properties(diagnose({ algorithm: "flex_dpo", betaW: 0.1, betaL }));
    expect(sweep(0.1)).toEqual({ drastic_drop: "critical", degradation: "critical", dispersion: "critical" });
    for (const betaL of [0.02, 0.01, 0.005]) expect(sweep(betaL)).toEqual({ drastic_drop: "critical" });
  });

  it.each([
    ["DPO+SFT (α = 1)", { algorithm: "dpo_sft", alpha: 1 }],
    ["IPO with τ = β = 0.1 (TRL's default: margin target 5 nats)", { algorithm: "ipo", beta: 0.1 }],
    ["SLiC (δ = 1, λ = 0.1)", { algorithm: "slic" }],
  ] as const)("%s: the rejected drops, but no degradation or dispersion in the demo's seeds", (_, options) => {
    // IPO at τ = 0.1 is not clean in every seed: seeds 4 and 6 show info-level degradation, seed 7 dispersion.
    for (const seed of [1, 2, 3]) expect(Object.keys(properties(diagnose({ seed, ...options })))).toEqual(["drastic_drop"]);
  });

  it.each([
    ["the reward model", { algorithm: "reward_model" }],
    ["IPO with τ = 0.5 (margin target 1 nat)", { algorithm: "ipo", tau: 0.5 }],
  ] as const)("stays quiet on %s", (_, options) => {
    expect(diagnose(options).flags).toEqual([]);
    expect(diagnose(options, "batch_means").flags).toEqual([]);
  });

  it("recognises the balanced reward model from its metrics alone", () => {
    const result = diagnose({ algorithm: "reward_model" });
    expect(result.summary.source).toBe("batch_means");
    expect(result.series["diag/log_grad_ratio"]!.every((p) => p.value === 0)).toBe(true);
    expect(result.unavailable.map((u) => u.reason).join(" ")).toMatch(/scores/);
  });
});
