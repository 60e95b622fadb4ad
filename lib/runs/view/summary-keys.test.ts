import { describe, expect, it } from "vitest";
import { defaultSummaryKeys } from "./summary-keys";

describe("default summary columns", () => {
  it("shows the rejected log-prob among the six of a TRL run, before the implicit rewards", () => {
    const trl = ["loss", "rewards/chosen", "rewards/rejected", "rewards/accuracies", "rewards/margins", "logps/chosen", "logps/rejected", "logits/chosen", "grad_norm"];
    expect(defaultSummaryKeys(trl)).toEqual(["loss", "rewards/accuracies", "rewards/margins", "logps/rejected", "logps/chosen", "rewards/chosen"]);
  });

  it("fills up with the other logged names when few preferred ones were logged", () => {
    expect(defaultSummaryKeys(["acc", "loss", "lr"], 2)).toEqual(["loss", "acc"]);
  });
});
