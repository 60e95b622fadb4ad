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
  it.each(["sequences", "batch_means"] as const)("scenario-1 DPO: drastic drop, from %s", (source) => {
    const result = diagnose({}, source);
    expect(result.summary.source).toBe(source);
    expect(properties(result)).toEqual({ drastic_drop: "critical" });
    const flag = result.flags[0]!;
    expect(flag.first_step).toBeLessThan(60);
    expect(flag.evidence.rejected_change).toBeLessThan(-2);
  });

  it("degradation fires on the seed whose mean chosen log-ratio sinks (0.53 → 0.17), not on one where it holds", () => {
    const sinking = diagnose({ seed: 7 });
    expect(properties(sinking).degradation).toBe("info");
    const { evidence } = sinking.flags.find((f) => f.property === "degradation")!;
    expect(evidence.chosen_fall_from_peak).toBeGreaterThanOrEqual(evidence.threshold_chosen_fall_from_peak as number);
    expect(properties(diagnose({ seed: 2 })).degradation).toBeUndefined();
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
