import type { ChartSpec } from "@/lib/core/view/chart-spec";
import type { OverlayRun } from "./overlay";
import { toLineData, type ApiPoint } from "@/lib/metrics/view/series-traces";

interface Part {
  key: string;
  /** Added to the run's label when a chart draws two series per run. */
  what?: string;
  dash?: "solid" | "dash" | "dot";
}

/**
 * The 3D panel's charts for several runs at once. Overlaid rather than side by side: the runs share axes, so
 * "whose rejected log-prob fell further" is read off one chart. Colour says which run, dash says which series
 * (solid chosen, dashed rejected), as on the single-run panel.
 */
export function overlayDiagnosticSpecs({
  runs,
  seriesByRun,
  perToken = false,
}: {
  runs: OverlayRun[];
  seriesByRun: Record<string, Record<string, ApiPoint[]> | undefined>;
  perToken?: boolean;
}): ChartSpec[] {
  const suffix = perToken ? "_per_token" : "";
  const chart = (id: string, title: string, yTitle: string, parts: Part[]): ChartSpec => ({
    id,
    title,
    yTitle,
    lines: runs.flatMap((run) =>
      parts.flatMap((part) => {
        const points = seriesByRun[run.id]?.[part.key];
        if (!points) return [];
        return [{ name: part.what ? `${run.label} ${part.what}` : run.label, data: toLineData({ points }), color: run.color, dash: part.dash ?? "solid" }];
      }),
    ),
  });
  const specs = [
    chart("logp-change", `Chosen (solid) vs rejected (dashed) log-prob, change from start${perToken ? " (per token)" : ""}`, "Δ log π (nats)", [
      { key: `diag/logp_chosen${suffix}_change`, what: "chosen" },
      { key: `diag/logp_rejected${suffix}_change`, what: "rejected", dash: "dash" },
    ]),
    chart("gradients", "Gradient magnitudes ln|∂L/∂πw| (solid) and ln|∂L/∂πl| (dashed)", "ln |∂L/∂π|", [
      { key: "diag/log_grad_chosen", what: "∂πw" },
      { key: "diag/log_grad_rejected", what: "∂πl", dash: "dash" },
    ]),
    chart("gradient-ratio", "Gradient ratio ln(|∂L/∂πl| / |∂L/∂πw|)", "ln ratio l/w", [{ key: "diag/log_grad_ratio" }]),
    chart("leaked-mass", "Leaked mass (median over pairs)", "nats", [{ key: "diag/leaked_mass_median" }]),
  ];
  return specs.filter((s) => s.lines.length > 0);
}
