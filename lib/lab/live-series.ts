// What the lab draws while the toy model runs: the paper's Figure 2 (πw, πl, unseen mass) and Figure 3
// (ln|∂L/∂πw|, ln|∂L/∂πl|, their ratio) as columns that grow chunk by chunk.

import type { ToyRecord } from "../toy-model";
import type { ChartSpec } from "../core/view/chart-spec";
import { toLineData } from "../metrics/view/series-traces";

/** Which metric feeds each line; a reward model logs gradients with respect to R instead of π. */
const SOURCES = {
  piChosen: ["toy/pi_chosen"],
  piRejected: ["toy/pi_rejected"],
  unseen: ["toy/unseen_mass"],
  gradChosen: ["grad/log_abs_dL_dpi_w", "grad/log_abs_dL_dR_w"],
  gradRejected: ["grad/log_abs_dL_dpi_l", "grad/log_abs_dL_dR_l"],
  ratio: ["grad/log_ratio_l_over_w"],
} as const;

type Column = keyof typeof SOURCES;

export interface LabSeries {
  steps: number[];
  columns: Record<Column, number[]>;
  /** True when the run logs gradients with respect to the reward (reward model), not the policy. */
  rewardGradients: boolean;
}

export function emptyLabSeries(): LabSeries {
  const columns = Object.fromEntries(Object.keys(SOURCES).map((c) => [c, []])) as unknown as LabSeries["columns"];
  return { steps: [], columns, rewardGradients: false };
}

/** A new series with the records appended (new arrays, so React sees the change). */
export function appendToyRecords(series: LabSeries, records: readonly ToyRecord[]): LabSeries {
  const logged = records.filter((r) => Object.keys(r.metrics).length > 0);
  const columns = { ...series.columns };
  for (const column of Object.keys(SOURCES) as Column[]) {
    const keys = SOURCES[column];
    // A metric the run does not log stays NaN, which draws as a gap with a marker, never as a fake zero.
    columns[column] = series.columns[column].concat(logged.map((r) => keys.map((k) => r.metrics[k]).find((v) => v !== undefined) ?? Number.NaN));
  }
  const rewardGradients = series.rewardGradients || logged.some((r) => r.metrics["grad/log_abs_dL_dR_w"] !== undefined);
  return { steps: series.steps.concat(logged.map((r) => r.step)), columns, rewardGradients };
}

const COLORS = { chosen: "#2563eb", rejected: "#dc2626", unseen: "#64748b", ratio: "#7c3aed" };

/** The two charts; a reward model has no likelihoods, so its first chart has no lines. */
export function toLabChartSpecs(series: LabSeries): [ChartSpec, ChartSpec] {
  const line = (column: Column) => toLineData({ points: series.steps.map((step, i) => ({ step, value: series.columns[column][i]! })) });
  const hasPolicy = series.columns.piChosen.some((v) => !Number.isNaN(v));
  const of = series.rewardGradients ? "R" : "π";
  return [
    {
      id: "probabilities",
      title: "πw, πl and the unseen mass (Figure 2)",
      yTitle: "probability",
      lines: hasPolicy
        ? [
            { name: "πw (mean chosen)", data: line("piChosen"), color: COLORS.chosen },
            { name: "πl (mean rejected)", data: line("piRejected"), color: COLORS.rejected },
            { name: "unseen mass (9–10)", data: line("unseen"), color: COLORS.unseen, dash: "dash" },
          ]
        : [],
    },
    {
      id: "gradients",
      title: `Gradients ln|∂L/∂${of}w|, ln|∂L/∂${of}l| and their ratio (Figure 3)`,
      yTitle: `ln |∂L/∂${of}|`,
      y2Title: "ln ratio l/w",
      lines: [
        { name: `ln|∂L/∂${of}w|`, data: line("gradChosen"), color: COLORS.chosen },
        { name: `ln|∂L/∂${of}l|`, data: line("gradRejected"), color: COLORS.rejected },
        { name: "ln ratio l/w", data: line("ratio"), color: COLORS.ratio, dash: "dot", secondaryAxis: true },
      ],
    },
  ];
}
