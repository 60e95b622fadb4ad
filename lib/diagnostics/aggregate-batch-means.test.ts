import { describe, expect, it } from "vitest";

import { aggregateBatchMeans } from "./aggregate-batch-means";
import { resolveLossParams } from "./loss-params";
import type { SeriesMap } from "./types";

/** A metric logged at steps 0, 5, 10, … with values from a formula. */
function series(count: number, value: (i: number) => number) {
  return Array.from({ length: count }, (_, i) => ({ step: i * 5, value: value(i) }));
}

const DPO = resolveLossParams("dpo", { beta: 0.1 });

describe("aggregateBatchMeans", () => {
  it.each([
    ["TRL", "rewards/chosen", "rewards/rejected"],
    ["transformers' TensorBoard callback", "train/rewards/chosen", "train/rewards/rejected"],
    ["OpenRLHF", "train/chosen_reward", "train/reject_reward"],
    ["the reference DPO repo", "rewards_train/chosen", "rewards_train/rejected"],
  ])("reads c and r from %s's reward names", (_, chosen, rejected) => {
    const metrics: SeriesMap = { [chosen]: series(3, (i) => 0.1 * i), [rejected]: series(3, (i) => -0.3 * i) };
    const { table } = aggregateBatchMeans(metrics, "train", DPO);
    expect(table.steps).toEqual([0, 5, 10]);
    expect(Array.from(table.columns.chosenLogRatio!)).toEqual([0, 1, 2]);
    expect(table.columns.rejectedLogRatio![2]).toBeCloseTo(-6, 12);
  });

  it("uses the flex β of each side and passes the runner's gradient metrics through", () => {
    const metrics: SeriesMap = {
      "rewards/chosen": series(2, () => 0.2),
      "rewards/rejected": series(2, () => -0.01),
      "logps/chosen": series(2, () => -10),
      "logps/rejected": series(2, () => -14),
      "logps_per_token/chosen": series(2, () => -1),
      "logps_per_token/rejected": series(2, () => -1.2),
      "grad/log_abs_dL_dpi_w": series(2, () => 3),
      "grad/log_abs_dL_dpi_l": series(2, () => 5),
      "grad/log_ratio_l_over_w": series(2, () => 2),
    };
    const result = aggregateBatchMeans(metrics, "train", resolveLossParams("flex_dpo", { beta_w: 0.1, beta_l: 0.005 }));
    const { columns } = result.table;
    expect(columns.chosenLogRatio![0]).toBeCloseTo(2, 12);
    expect(columns.rejectedLogRatio![0]).toBeCloseTo(-2, 12);
    expect(columns.logG![0]).toBeCloseTo(4 + Math.log(0.05), 12);
    expect(columns.logGPerToken![0]).toBeCloseTo(0.2 + Math.log(0.05), 12);
    expect(columns.logGradRatio![1]).toBe(2);
    expect(result.assumptions.join(" ")).toMatch(/approximate/);
    const missing = result.unavailable.map((u) => u.diagnostic).join(" | ");
    expect(missing).toMatch(/share of pairs where both/);
    expect(missing).toMatch(/median leaked mass/);
    expect(missing).not.toMatch(/gradient magnitudes/);
    expect(missing).not.toMatch(/per-token/);
  });

  it("reads eval rows under their own prefixes", () => {
    const metrics: SeriesMap = {
      "rewards/chosen": series(2, () => 9),
      "eval_rewards/chosen": series(2, () => 0.1),
      "eval_rewards/rejected": series(2, () => -0.1),
      "eval/logps_chosen": series(2, () => -3),
      "eval/logps_rejected": series(2, () => -4),
    };
    const { table, sources } = aggregateBatchMeans(metrics, "eval", DPO);
    expect(sources).toMatchObject({ rewardsChosen: "eval_rewards/chosen", logpsChosen: "eval/logps_chosen" });
    expect(table.columns.chosenLogRatio![0]).toBeCloseTo(1, 12);
    expect(table.columns.logG![0]).toBe(1);
  });

  it("does not read a reward model's scores as log-ratios", () => {
    const metrics: SeriesMap = { "rewards/chosen": series(3, (i) => i), "rewards/rejected": series(3, (i) => -i) };
    const result = aggregateBatchMeans(metrics, "train", resolveLossParams("reward_model", {}));
    expect(result.table.columns.chosenLogRatio).toBeUndefined();
    expect(result.unavailable[0]!.reason).toMatch(/scores/);
  });

  it("never reads a reference-free loss's β·log π rewards as log-ratios, and says which series it measures on", () => {
    for (const algorithm of ["orpo", "simpo", "cpo"]) {
      const metrics: SeriesMap = { "rewards/chosen": series(3, (i) => -i), "rewards/rejected": series(3, (i) => -2 * i), "logps/chosen": series(3, (i) => -10 - i) };
      const result = aggregateBatchMeans(metrics, "train", resolveLossParams(algorithm, { beta: 0.1 }));
      expect(result.table.columns.chosenLogRatio).toBeUndefined();
      expect(result.table.columns.rejectedLogRatio).toBeUndefined();
      expect([...result.table.columns.logpChosen!]).toEqual([-10, -11, -12]);
      expect(result.unavailable[0]!.reason).toMatch(new RegExp(`^${algorithm} is reference-free: .*not log-ratios; changes are measured on the logps/\\* series`));
    }
  });

  it("joins metrics logged at different steps, and later rewrites of a step win", () => {
    const metrics: SeriesMap = {
      "logps/chosen": [
        { step: 0, value: -5 },
        { step: 10, value: -6 },
        { step: 10, value: -7 },
      ],
      "logps/rejected": [{ step: 5, value: -8 }],
    };
    const { table } = aggregateBatchMeans(metrics, "train", DPO);
    expect(table.steps).toEqual([0, 5, 10]);
    expect(table.columns.logpChosen![2]).toBe(-7);
    expect(Number.isNaN(table.columns.logG![0]!)).toBe(true);
  });
});
