import { describe, expect, it } from "vitest";
import { findBadThresholdOverride } from "./check-overrides";

describe("findBadThresholdOverride", () => {
  it("accepts overrides that name real thresholds with numbers", () => {
    expect(findBadThresholdOverride({ drasticDrop: { warning: { minDropRatio: 4 } }, window: { minPoints: 5 } })).toBeNull();
    expect(findBadThresholdOverride({ degradation: { info: { minChosenBelowStart: null } } })).toBeNull();
    expect(findBadThresholdOverride({ lossSpike: { minRobustZ: 8, minConsecutive: 5 } })).toBeNull();
  });

  it("names the first override that does not fit", () => {
    expect(findBadThresholdOverride({ drasticDrop: { warning: { minDropRatoi: 4 } } })).toEqual(["drasticDrop", "warning", "minDropRatoi"]);
    expect(findBadThresholdOverride({ window: 5 })).toEqual(["window"]);
    expect(findBadThresholdOverride({ lossSpike: { minRobustz: 8 } })).toEqual(["lossSpike", "minRobustz"]);
    expect(findBadThresholdOverride({ window: { minPoints: "3" } })).toEqual(["window", "minPoints"]);
  });
});
