import { describe, expect, it } from "vitest";
import { overlayDiagnosticSpecs } from "./overlay-diagnostics";

const pts = (...values: (number | string)[]) => values.map((value, step) => ({ step, value }));
const runs = [
  { id: "a", label: "A", color: "#a" },
  { id: "b", label: "B", color: "#b" },
];

describe("overlayDiagnosticSpecs", () => {
  it("draws chosen solid and rejected dashed per run, in the run's colour", () => {
    const seriesByRun = {
      a: { "diag/logp_chosen_change": pts(0, 1), "diag/logp_rejected_change": pts(0, -5) },
      b: { "diag/logp_chosen_change": pts(0, -1), "diag/logp_rejected_change": pts(0, -2) },
    };
    const [change] = overlayDiagnosticSpecs({ runs, seriesByRun });
    expect(change!.id).toBe("logp-change");
    expect(change!.lines.map((l) => [l.name, l.color, l.dash, l.data.y])).toEqual([
      ["A chosen", "#a", "solid", [0, 1]],
      ["A rejected", "#a", "dash", [0, -5]],
      ["B chosen", "#b", "solid", [0, -1]],
      ["B rejected", "#b", "dash", [0, -2]],
    ]);
  });

  it("switches to per-token series, and drops charts no run can fill", () => {
    const seriesByRun = { a: { "diag/logp_chosen_per_token_change": pts(0.1), "diag/log_grad_ratio": pts("Infinity") }, b: undefined };
    const specs = overlayDiagnosticSpecs({ runs, seriesByRun, perToken: true });
    expect(specs.map((s) => s.id)).toEqual(["logp-change", "gradient-ratio"]);
    expect(specs[0]!.title).toContain("per token");
    expect(specs[1]!.lines).toHaveLength(1);
    expect(specs[1]!.lines[0]!.data.markers[0]!.label).toBe("+Inf");
    expect(overlayDiagnosticSpecs({ runs, seriesByRun, perToken: false }).map((s) => s.id)).toEqual(["gradient-ratio"]);
  });
});
