import { describe, expect, it } from "vitest";
import { liftTrainingArgs } from "./training-args";

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
