import { describe, expect, it } from "vitest";
import { splitEvidence } from "./flag-text";

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
