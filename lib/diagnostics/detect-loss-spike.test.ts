import { describe, expect, it } from "vitest";

import { computeDiagnostics } from "./compute-diagnostics";
import { detectLossSpike } from "./detect-loss-spike";
import { DEFAULT_THRESHOLDS, resolveThresholds } from "./thresholds";
import type { MetricPoint } from "./types";

const SPIKE = DEFAULT_THRESHOLDS.lossSpike;

/** A decaying DPO-like loss with deterministic ±2% batch noise, every `every` steps; `bump` adds to given steps. */
function lossSeries(n: number, bump: Record<number, number> = {}, every = 10): MetricPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const step = i * every;
    const noise = 0.02 * Math.sin(i * 12.9898);
    return { step, value: (0.2 + 0.5 * Math.exp(-i / 40)) * (1 + noise) + (bump[step] ?? 0) };
  });
}

const spikeAt = (steps: number[], size: number) => Object.fromEntries(steps.map((s) => [s, size]));

describe("detectLossSpike", () => {
  it("flags a sustained jump, dated from its first point, with the numbers behind it", () => {
    const flag = detectLossSpike({ loss: lossSeries(200, spikeAt([1500, 1510, 1520, 1530], 0.5)) }, "train", SPIKE);
    expect(flag).toMatchObject({ property: "loss_spike", severity: "warning", first_step: 1500 });
    expect(flag!.evidence).toMatchObject({ loss_key: "loss", confirmed_step: 1520, consecutive: 3, threshold_robust_z: 6, window_baseline_points: 20 });
    expect(flag!.evidence.robust_z as number).toBeGreaterThanOrEqual(6);
    expect(flag!.evidence.rise as number).toBeGreaterThan(0.4);
  });

  it("does not flag a single spike, nor two in a row (shorter than minConsecutive)", () => {
    expect(detectLossSpike({ loss: lossSeries(200, spikeAt([1500], 5)) }, "train", SPIKE)).toBeNull();
    expect(detectLossSpike({ loss: lossSeries(200, spikeAt([800, 810], 5)) }, "train", SPIKE)).toBeNull();
  });

  it("stays quiet on a smoothly decaying loss, on a slow upward drift and on noise", () => {
    expect(detectLossSpike({ loss: lossSeries(500) }, "train", SPIKE)).toBeNull();
    const drift = Array.from({ length: 300 }, (_, i) => ({ step: i, value: 0.3 + i * 0.002 + 0.01 * Math.sin(i * 7.1) }));
    expect(detectLossSpike({ loss: drift }, "train", SPIKE)).toBeNull();
  });

  it("skips non-finite points: they neither start nor break a streak (non_finite flags them)", () => {
    const loss = lossSeries(200, spikeAt([1500, 1520, 1530], 0.5)).map((p) => (p.step === 1510 ? { ...p, value: Number.NaN } : p));
    expect(detectLossSpike({ loss }, "train", SPIKE)?.first_step).toBe(1500);
    const nans = lossSeries(200).map((p) => (p.step >= 1500 && p.step < 1600 ? { ...p, value: Number.POSITIVE_INFINITY } : p));
    expect(detectLossSpike({ loss: nans }, "train", SPIKE)).toBeNull();
  });

  it("needs a full baseline first, and reads the split's own loss name", () => {
    expect(detectLossSpike({ loss: lossSeries(SPIKE.baselinePoints, spikeAt([0, 10, 20], 5)) }, "train", SPIKE)).toBeNull();
    const evalLoss = lossSeries(100, spikeAt([500, 510, 520], 0.5));
    expect(detectLossSpike({ loss: evalLoss }, "eval", SPIKE)).toBeNull();
    expect(detectLossSpike({ "eval/loss": evalLoss }, "eval", SPIKE)).toMatchObject({ first_step: 500, evidence: { loss_key: "eval/loss" } });
  });

  it("on a flat loss (MAD 0) needs the relative rise, and says robust_z is undefined", () => {
    const flat = Array.from({ length: 60 }, (_, i) => ({ step: i, value: i >= 40 && i < 45 ? 0.75 : 0.7 }));
    expect(detectLossSpike({ loss: flat }, "train", SPIKE)).toBeNull();
    const risen = flat.map((p) => (p.step >= 40 && p.step < 45 ? { ...p, value: 0.8 } : p));
    expect(detectLossSpike({ loss: risen }, "train", SPIKE)).toMatchObject({ first_step: 40, evidence: { robust_z: null, baseline_mad: 0 } });
  });

  it("follows per-project overrides from the thresholds file", () => {
    const loss = lossSeries(200, spikeAt([1500, 1510], 0.5));
    const metrics = { loss };
    const flagsWith = (overrides: Parameters<typeof resolveThresholds>[0]) =>
      computeDiagnostics({ algorithm: "dpo", config: {}, metrics, sequences: [] }, { thresholds: overrides }).flags.map((f) => f.property);
    expect(flagsWith(undefined)).toEqual([]);
    expect(flagsWith({ lossSpike: { minConsecutive: 2 } })).toEqual(["loss_spike"]);
    expect(flagsWith({ lossSpike: { minConsecutive: 2, minRobustZ: 1e6 } })).toEqual([]);
  });
});
