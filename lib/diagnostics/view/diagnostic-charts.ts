import type { ChartSpec } from "@/lib/core/view/chart-spec";
import { toLineData, type ApiPoint } from "@/lib/metrics/view/series-traces";

const CHOSEN = "#2563eb";
const REJECTED = "#dc2626";

/**
 * The 3D panel's charts from the diagnostics API's series: which series go together, on which axis, in which
 * colour. Pure, so the choice of what to show is tested without a browser.
 */
export function diagnosticChartSpecs(series: Record<string, ApiPoint[]>, perToken: boolean): ChartSpec[] {
  const line = (key: string, name: string, color: string, extra: Partial<ChartSpec["lines"][number]> = {}) =>
    series[key] ? [{ name, data: toLineData({ points: series[key]! }), color, ...extra }] : [];
  const suffix = perToken ? "_per_token" : "";
  const specs: ChartSpec[] = [
    {
      id: "logp-change",
      title: `Chosen vs rejected log-prob, change from start${perToken ? " (per token)" : ""}`,
      yTitle: "Δ log π (nats)",
      lines: [...line(`diag/logp_chosen${suffix}_change`, "chosen", CHOSEN), ...line(`diag/logp_rejected${suffix}_change`, "rejected", REJECTED)],
    },
    {
      id: "gradients",
      title: "Gradient magnitudes ln|∂L/∂π| and their ratio",
      yTitle: "ln |∂L/∂π|",
      y2Title: "ln ratio l/w",
      lines: [
        ...line("diag/log_grad_chosen", "|∂L/∂πw|", CHOSEN),
        ...line("diag/log_grad_rejected", "|∂L/∂πl|", REJECTED),
        ...line("diag/log_grad_ratio", "ratio l/w", "#6b7280", { dash: "dot", secondaryAxis: true }),
      ],
    },
    {
      id: "dispersion",
      title: "Leaked mass and share of pairs with both log-probs down",
      yTitle: "median leaked mass (nats)",
      y2Title: "share",
      lines: [...line("diag/leaked_mass_median", "leaked mass", "#7c3aed"), ...line("diag/share_both_down", "both down", "#059669", { secondaryAxis: true, dash: "dash" })],
    },
    {
      id: "drop",
      title: `Drop ratio and log G${perToken ? " (per token)" : ""}`,
      yTitle: "drop ratio",
      y2Title: "log G",
      lines: [...line("diag/drop_ratio", "drop ratio", "#d97706"), ...line(`diag/log_g${suffix}`, "log G", "#0f766e", { secondaryAxis: true })],
    },
  ];
  return specs.filter((s) => s.lines.length > 0);
}
