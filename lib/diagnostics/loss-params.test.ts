import { describe, expect, it } from "vitest";

import { algorithmFromConfig, getRewardScale, resolveLossParams } from "./loss-params";

describe("resolveLossParams", () => {
  it("reads flex-β and numeric strings", () => {
    const params = resolveLossParams("Flex-DPO", { beta_w: "0.1", beta_l: 0.005 });
    expect(params).toMatchObject({ algorithm: "flex_dpo", derived: true, betaW: 0.1, betaL: 0.005, assumptions: [] });
    expect(getRewardScale(params)).toEqual({ w: 0.1, l: 0.005 });
  });

  it("says which defaults it assumed", () => {
    const dpo = resolveLossParams("dpo", {});
    expect(dpo.betaW).toBe(0.1);
    expect(dpo.assumptions.join(" ")).toMatch(/no beta/);
    const sft = resolveLossParams("dpo_sft", { beta: 0.2 });
    expect(sft.alpha).toBe(1);
    expect(sft.assumptions.join(" ")).toMatch(/alpha/);
    expect(resolveLossParams("reward_model", {}).assumptions).toEqual([]);
  });

  it("follows TRL's names: rpo_alpha for α, beta as IPO's τ", () => {
    expect(resolveLossParams("dpo_sft", { beta: 0.1, rpo_alpha: 0.5 }).alpha).toBe(0.5);
    const ipo = resolveLossParams("ipo", { beta: 0.3 });
    expect(ipo.tau).toBe(0.3);
    expect(getRewardScale(ipo)).toEqual({ w: 0.3, l: 0.3 });
  });

  it("marks unknown algorithms as logged, not re-derived", () => {
    expect(resolveLossParams(null, {})).toMatchObject({ algorithm: "other", derived: false });
    expect(resolveLossParams("ppo", {}).derived).toBe(false);
  });
});

describe("algorithmFromConfig", () => {
  it("names the algorithm from TRL's loss_type, as a string, a list, or a list's text (an MLflow param)", () => {
    expect(algorithmFromConfig({ loss_type: "sigmoid" })).toBe("dpo");
    expect(algorithmFromConfig({ loss_type: ["ipo"] })).toBe("ipo");
    expect(algorithmFromConfig({ loss_type: "['hinge']" })).toBe("slic");
    expect(algorithmFromConfig({ algorithm: "orpo", loss_type: "sigmoid" })).toBe("orpo");
    expect(algorithmFromConfig({ loss_type: "['sigmoid', 'sft']" })).toBeUndefined();
    expect(algorithmFromConfig({ loss_type: "sigmoid", rpo_alpha: 1 })).toBe("dpo_sft");
    expect(algorithmFromConfig({ loss_type: "sigmoid", rpo_alpha: null })).toBe("dpo");
    expect(algorithmFromConfig({ loss_type: "simpo" })).toBe("simpo");
    expect(algorithmFromConfig({ loss_type: "robust" })).toBeUndefined();
    expect(algorithmFromConfig(undefined)).toBeUndefined();
  });

  it("reads β logged under its symbol", () => {
    expect(resolveLossParams("dpo", { β: "0.3" })).toMatchObject({ betaW: 0.3, betaL: 0.3, assumptions: [] });
  });
});
