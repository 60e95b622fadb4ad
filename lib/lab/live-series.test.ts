import { describe, expect, it } from "vitest";

import { iterateToyModel, type ToyRecord } from "../toy-model";
import { appendToyRecords, emptyLabSeries, toLabChartSpecs } from "./live-series";
import { liveDurationMs, stepsDue } from "./live-pace";

const records = (algorithm: "dpo" | "reward_model" | "slic", steps: number): ToyRecord[] => [...iterateToyModel({ scenario: 1, algorithm, steps })];

describe("appendToyRecords", () => {
  it("grows the columns chunk by chunk without touching the previous series", () => {
    const all = records("dpo", 20);
    const first = appendToyRecords(emptyLabSeries(), all.slice(0, 5));
    const second = appendToyRecords(first, all.slice(5));
    expect(first.steps).toEqual([0, 1, 2, 3, 4]);
    expect(second.steps).toHaveLength(21);
    expect(second.columns.piRejected[20]).toBe(all[20]!.metrics["toy/pi_rejected"]);
    expect(second.columns.ratio[3]).toBe(all[3]!.metrics["grad/log_ratio_l_over_w"]);
    expect(second).toEqual(appendToyRecords(emptyLabSeries(), all));
  });

  it("skips records without metrics (sequence-only steps)", () => {
    const series = appendToyRecords(emptyLabSeries(), [{ step: 3, metrics: {}, sequences: [] }]);
    expect(series.steps).toEqual([]);
  });
});

describe("toLabChartSpecs", () => {
  it("draws Figure 2's three lines and Figure 3's two gradients with the ratio on the right axis", () => {
    const [probabilities, gradients] = toLabChartSpecs(appendToyRecords(emptyLabSeries(), records("dpo", 10)));
    expect(probabilities.lines.map((l) => l.name)).toEqual(["πw (mean chosen)", "πl (mean rejected)", "unseen mass (9–10)"]);
    expect(probabilities.lines[0]!.data.x).toHaveLength(11);
    expect(gradients.lines.map((l) => [l.name, Boolean(l.secondaryAxis)])).toEqual([
      ["ln|∂L/∂πw|", false],
      ["ln|∂L/∂πl|", false],
      ["ln ratio l/w", true],
    ]);
  });

  it("draws a reward model's gradients with respect to R and leaves the likelihood chart empty", () => {
    const [probabilities, gradients] = toLabChartSpecs(appendToyRecords(emptyLabSeries(), records("reward_model", 5)));
    expect(probabilities.lines).toEqual([]);
    expect(gradients.lines[0]!.name).toBe("ln|∂L/∂Rw|");
    expect(gradients.lines[0]!.data.y.every((y) => typeof y === "number")).toBe(true);
  });

  it("marks SLiC's log 0 = -∞ gradient instead of drawing it as a number", () => {
    const [, gradients] = toLabChartSpecs(appendToyRecords(emptyLabSeries(), records("slic", 400)));
    const rejected = gradients.lines[1]!.data;
    expect(rejected.y).toContain(null);
    expect(rejected.markers.map((m) => m.label)).toContain("−Inf");
  });
});

describe("live pacing", () => {
  it("shows step 0 at once and reaches the last step after the run's duration, never beyond", () => {
    expect(stepsDue(0, 300)).toBe(0);
    expect(stepsDue(liveDurationMs(300) / 2, 300)).toBe(150);
    expect(stepsDue(liveDurationMs(300), 300)).toBe(300);
    expect(stepsDue(1e9, 300)).toBe(300);
    expect(liveDurationMs(10)).toBe(1500);
    expect(liveDurationMs(5000)).toBe(6000);
  });
});
