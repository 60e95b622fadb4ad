import { describe, expect, it } from "vitest";
import { canonicalMetricName, METRIC_ALIASES, metricNamesByCanonical } from "./metric-names";

describe("canonicalMetricName", () => {
  it.each([
    // OpenRLHF
    ["train/chosen_reward", "rewards/chosen"],
    ["train/reject_reward", "rewards/rejected"],
    ["train/acc", "rewards/accuracies"],
    ["train/lr", "learning_rate"],
    ["train/loss", "loss"],
    ["eval/chosen_reward", "eval_rewards/chosen"],
    ["eval/acc", "eval_rewards/accuracies"],
    ["eval/loss", "eval_loss"],
    // The reference DPO repository
    ["rewards_train/chosen", "rewards/chosen"],
    ["rewards_train/rejected", "rewards/rejected"],
    ["rewards_train/accuracies", "rewards/accuracies"],
    ["rewards_train/margins", "rewards/margins"],
    ["logps_train/chosen", "logps/chosen"],
    ["logps_train/rejected", "logps/rejected"],
    ["rewards_eval/margins", "eval_rewards/margins"],
    ["logps_eval/rejected", "eval_logps/rejected"],
    ["loss/train", "loss"],
    ["loss/eval", "eval_loss"],
    // transformers' TensorBoard callback
    ["train/rewards/chosen", "rewards/chosen"],
    ["train/epoch", "epoch"],
    ["eval/rewards/margins", "eval_rewards/margins"],
    // Already canonical, or unknown
    ["rewards/chosen", "rewards/chosen"],
    ["eval_logps/chosen", "eval_logps/chosen"],
    ["grad/log_abs_dL_dpi_w", "grad/log_abs_dL_dpi_w"],
  ])("%s → %s", (name, canonical) => {
    expect(canonicalMetricName(name)).toBe(canonical);
  });

  it("lists each alias once, and aliases are never canonical names themselves", () => {
    const aliases = METRIC_ALIASES.map((a) => a.alias);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const { canonical } of METRIC_ALIASES) expect(aliases).not.toContain(canonical);
  });
});

describe("metricNamesByCanonical", () => {
  it("finds the logged name for each canonical one, the canonical spelling winning", () => {
    const found = metricNamesByCanonical(["train/chosen_reward", "rewards/chosen", "rewards_train/rejected", "loss"]);
    expect(found.get("rewards/chosen")).toBe("rewards/chosen");
    expect(found.get("rewards/rejected")).toBe("rewards_train/rejected");
    expect(found.get("loss")).toBe("loss");
  });
});
