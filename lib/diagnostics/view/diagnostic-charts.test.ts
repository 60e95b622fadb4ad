import { describe, expect, it } from "vitest";
import { diagnosticChartSpecs } from "./diagnostic-charts";

const pts = (...values: (number | string)[]) => values.map((value, step) => ({ step, value }));

describe("diagnosticChartSpecs", () => {
  it("pairs chosen and rejected changes, switching to per-token series when asked", () => {
    const series = {
      "diag/logp_chosen_change": pts(0, 0.5),
      "diag/logp_rejected_change": pts(0, -3),
      "diag/logp_chosen_per_token_change": pts(0, 0.01),
      "diag/logp_rejected_per_token_change": pts(0, -0.1),
    };
    const [summed] = diagnosticChartSpecs(series, false);
    expect(summed!.lines.map((l) => [l.name, l.data.y])).toEqual([
      ["chosen", [0, 0.5]],
      ["rejected", [0, -3]],
    ]);
    const [perToken] = diagnosticChartSpecs(series, true);
    expect(perToken!.lines.map((l) => l.data.y)).toEqual([
      [0, 0.01],
      [0, -0.1],
    ]);
    expect(perToken!.title).toContain("per token");
  });

  it("drops charts with nothing to draw and puts the ratio on the second axis", () => {
    const specs = diagnosticChartSpecs({ "diag/log_grad_chosen": pts(1), "diag/log_grad_ratio": pts("Infinity") }, false);
    expect(specs.map((s) => s.id)).toEqual(["gradients"]);
    expect(specs[0]!.lines.find((l) => l.name === "ratio l/w")).toMatchObject({ secondaryAxis: true });
    expect(specs[0]!.lines[1]!.data.markers[0]!.label).toBe("+Inf");
  });
});
