import { describe, expect, it } from "vitest";
import { algorithmFromLossType, liftTrainingArgs } from "./training-args";

describe("liftTrainingArgs", () => {
  it("moves TrainingArguments from config.args to the top level; keys already there win", () => {
    const config = { args: { beta: 0.05, loss_type: "sigmoid", learning_rate: 5e-7, seed: 1 }, seed: 42, imported_from: "runs/x" };
    expect(liftTrainingArgs(config)).toEqual({ beta: 0.05, loss_type: "sigmoid", learning_rate: 5e-7, seed: 42, imported_from: "runs/x" });
  });

  it("leaves a config without an args object as it is (a text summary that was not JSON stays text)", () => {
    expect(liftTrainingArgs({ args: "beta=0.1", x: 1 })).toEqual({ args: "beta=0.1", x: 1 });
    expect(liftTrainingArgs({ x: 1 })).toEqual({ x: 1 });
  });
});

describe("algorithmFromLossType", () => {
  it("reads TRL's loss_type, as a name or a list of one", () => {
    expect(algorithmFromLossType({ loss_type: "sigmoid" })).toBe("dpo");
    expect(algorithmFromLossType({ loss_type: ["ipo"] })).toBe("ipo");
    expect(algorithmFromLossType({ loss_type: "hinge" })).toBe("slic");
    expect(algorithmFromLossType({ loss_type: "sigmoid", rpo_alpha: 1 })).toBe("dpo_sft");
    expect(algorithmFromLossType({ loss_type: ["sigmoid", "sft"] })).toBeUndefined();
    expect(algorithmFromLossType({ loss_type: "robust" })).toBeUndefined();
    expect(algorithmFromLossType(undefined)).toBeUndefined();
  });
});
