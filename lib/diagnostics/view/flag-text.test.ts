import { describe, expect, it } from "vitest";
import { FLAG_PROPERTIES } from "../types";
import { FLAG_EXPLANATIONS, FLAG_LABELS, FLAG_TITLES, splitEvidence } from "./flag-text";

describe("flag words", () => {
  it("name and explain every flag property, the training-health ones included", () => {
    expect(FLAG_PROPERTIES).toEqual(expect.arrayContaining(["non_finite", "loss_spike"]));
    for (const property of FLAG_PROPERTIES) {
      expect(FLAG_LABELS[property]).toBeTruthy();
      expect(FLAG_TITLES[property]).toBeTruthy();
      expect(FLAG_EXPLANATIONS[property]).toBeTruthy();
    }
  });
});

describe("splitEvidence", () => {
  it("separates measured numbers from the thresholds and window they were held against", () => {
    const { measured, thresholds } = splitEvidence({ drop_ratio: 12.4, threshold_drop_ratio: 10, window_min_points: 3, basis: "log_ratio" });
    expect(measured).toEqual([
      ["drop_ratio", 12.4],
      ["basis", "log_ratio"],
    ]);
    expect(thresholds).toEqual([
      ["threshold_drop_ratio", 10],
      ["window_min_points", 3],
    ]);
  });
});
