import { describe, expect, it } from "vitest";
import { defaultCompareMetrics, overlayMetricLines, runColor, shortRunLabels, unionMetricNames } from "./overlay";

describe("shortRunLabels", () => {
  it("drops the name tokens every run shares at the start and the end", () => {
    expect(shortRunLabels(["toy-s1-flex_dpo-bw0.1-bl0.01-seed1", "toy-s1-flex_dpo-bw0.1-bl0.1-seed1"])).toEqual(["bl0.01", "bl0.1"]);
    expect(shortRunLabels(["toy-s1-dpo-b0.1-seed1", "toy-s1-flex_dpo-bw0.1-bl0.01-seed1"])).toEqual(["dpo-b0.1", "flex_dpo-bw0.1-bl0.01"]);
  });

  it("keeps full names when nothing is shared or only one run is shown, and numbers identical names", () => {
    expect(shortRunLabels(["alpha", "beta"])).toEqual(["alpha", "beta"]);
    expect(shortRunLabels(["only-one"])).toEqual(["only-one"]);
    expect(shortRunLabels(["base", "base"])).toEqual(["base #1", "base #2"]);
    expect(shortRunLabels(["a-b", "a-b-c"])).toEqual(["b", "b-c"]);
  });
});

describe("metric choice", () => {
  it("puts the key metrics first in the union, then the rest alphabetically", () => {
    expect(
      unionMetricNames([
        ["loss", "logps/rejected"],
        ["eval/pref_accuracy", "alpha", "loss"],
      ]),
    ).toEqual(["logps/rejected", "eval/pref_accuracy", "alpha", "loss"]);
  });

  it("defaults to the key metrics that were logged, else the first few", () => {
    expect(defaultCompareMetrics(["loss", "logps/chosen", "toy/unseen_mass"])).toEqual(["logps/chosen", "toy/unseen_mass"]);
    expect(defaultCompareMetrics(["a", "b", "c", "d", "e"], 2)).toEqual(["a", "b"]);
  });
});

describe("overlayMetricLines", () => {
  it("draws one line per run that logged the metric, in the run's colour", () => {
    const series = (key: string, values: number[]) => ({ key, total: values.length, sampled: false, points: values.map((value, step) => ({ step, value, time: 0, count: 1 })) });
    const runs = [
      { id: "a", label: "A", color: runColor(0) },
      { id: "b", label: "B", color: runColor(1) },
      { id: "c", label: "C", color: runColor(2) },
    ];
    const lines = overlayMetricLines({ runs, metric: "loss", seriesByRun: { a: [series("loss", [1, 2])], b: [series("other", [1])], c: [series("loss", [3])] } });
    expect(lines.map((l) => [l.name, l.color, l.data.y])).toEqual([
      ["A", runColor(0), [1, 2]],
      ["C", runColor(2), [3]],
    ]);
    expect(runColor(10)).toBe(runColor(0));
    const smoothed = overlayMetricLines({ runs, metric: "loss", seriesByRun: { a: [series("loss", [0, 10])] }, smoothing: 0.5 });
    expect(smoothed.map((l) => [l.name, l.color, l.opacity ?? 1, l.data.y])).toEqual([
      ["A (raw)", runColor(0), 0.25, [0, 10]],
      ["A", runColor(0), 1, [0, 20 / 3]], // debiased EMA: (0.5 · 10) / (1 − 0.5²)
    ]);
  });
});
