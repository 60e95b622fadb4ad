import { describe, expect, it } from "vitest";
import { evidenceInWords } from "./evidence-words";

describe("flag evidence in words", () => {
  it("puts each measured value beside its threshold, with units, and says the window rule", () => {
    const { rows, rule } = evidenceInWords({
      drop_ratio: 3.1118,
      rejected_change: -2.02,
      chosen_change: 0.649,
      epsilon: 0.1,
      basis: "log_ratio",
      confirmed_step: 335,
      threshold_drop_ratio: 3,
      threshold_rejected_drop: 1,
      window_min_points: 3,
      window_min_span_fraction: 0.05,
      window_min_share: 0.8,
    });
    expect(rows).toEqual([
      { label: "Drop ratio (rejected fall ÷ chosen change)", value: "3.112 ×", threshold: "≥ 3 ×" },
      { label: "Rejected log-ratio change since the start", value: "-2.02 nats", threshold: "≤ -1 nats" },
      { label: "Chosen log-ratio change since the start", value: "0.649 nats", threshold: undefined },
      { label: "Smallest chosen change divided by (ε)", value: "0.1 nats", threshold: undefined },
      { label: "Measured on", value: "log-ratios to the reference" },
    ]);
    expect(rule).toBe("Held at ≥ 80 % of a window of ≥ 3 logged points spanning ≥ 5 % of the steps so far; confirmed at step 335.");
  });

  it("reads dispersion's shares as percentages and the batch-mean rule on both changes", () => {
    expect(evidenceInWords({ share_both_down: 0.75, leaked_mass_median: -0.8, source: "sequences", threshold_share_both_down: 0.5, threshold_leaked_mass: -0.69 }).rows).toEqual([
      { label: "Pairs with both chosen and rejected down", value: "75 %", threshold: "≥ 50 %" },
      { label: "Median leaked mass (log of the pair's mass kept)", value: "-0.8 nats", threshold: "≤ -0.69 nats" },
      { label: "Read from", value: "per-pair rows" },
    ]);
    const batch = evidenceInWords({ chosen_change: -0.9, rejected_change: -1.2, source: "batch_means", threshold_both_changes_at_most: -0.693 }).rows;
    expect(batch.map((r) => r.threshold)).toEqual(["≤ -0.693 nats", "≤ -0.693 nats", undefined]);
  });

  it("lists a threshold with no measured value beside it, and shows unknown keys as they are", () => {
    const { rows, rule } = evidenceInWords({ rise: 0.4, threshold_relative_rise: 0.1, future_key: "x", window_baseline_points: 20, confirmed_step: 9 });
    expect(rows).toEqual([
      { label: "Rise above that median", value: "0.4", threshold: undefined },
      { label: "future_key", value: "x" },
      { label: "Threshold: relative rise", value: "0.1" },
    ]);
    expect(rule).toBe("Measured against the 20 loss points before it; confirmed at step 9.");
  });
});
