import type { Data, Layout } from "plotly.js";
import { decodeNumber } from "@/lib/core/validation/wire-numbers";
import type { PairTrajectoryResponse } from "../contract";

const LINES = [
  { key: "logp_chosen", name: "log πw (chosen)", color: "#2563eb", dash: "solid" },
  { key: "ref_logp_chosen", name: "ref log πw", color: "#2563eb", dash: "dot" },
  { key: "logp_rejected", name: "log πl (rejected)", color: "#dc2626", dash: "solid" },
  { key: "ref_logp_rejected", name: "ref log πl", color: "#dc2626", dash: "dot" },
] as const;

/** One pair's policy and reference log-probs over training; a non-finite value is a gap, not a point. */
export function pairTrajectoryFigure(t: PairTrajectoryResponse): { data: Data[]; layout: Partial<Layout> } {
  const finiteOrNull = (v: number | string) => {
    const n = decodeNumber(v);
    return n !== null && Number.isFinite(n) ? n : null;
  };
  return {
    data: LINES.map(
      (line) =>
        ({
          type: "scatter",
          mode: t.steps.length > 1 ? "lines" : "markers",
          name: line.name,
          x: t.steps,
          y: t[line.key].map(finiteOrNull),
          line: { color: line.color, dash: line.dash },
        }) as Data,
    ),
    layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: "log-prob" } }, legend: { orientation: "h", y: -0.25 } },
  };
}

/** A measure as the table shows it: 3 significant digits, non-finite values spelled out. */
export function formatMeasure(v: number | string): string {
  const n = decodeNumber(v);
  if (n === null || !Number.isFinite(n)) return String(n ?? v);
  return Math.abs(n) >= 1e4 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential(2) : n.toPrecision(3);
}

/** One pair in several runs: each run's Δ log πw (solid) and Δ log πl (dashed) over training, in the run's colour. */
export function pairAcrossRunsFigure(runs: { label: string; color: string; trajectory: PairTrajectoryResponse | undefined }[]): { data: Data[]; layout: Partial<Layout> } {
  const delta = (a: (number | string)[], b: (number | string)[]) =>
    a.map((v, i) => {
      const d = (decodeNumber(v) ?? Number.NaN) - (decodeNumber(b[i]!) ?? Number.NaN);
      return Number.isFinite(d) ? d : null;
    });
  const data = runs.flatMap(({ label, color, trajectory: t }) =>
    !t || t.steps.length === 0
      ? []
      : ([
          { type: "scatter", mode: "lines+markers", name: `${label} Δ log πw`, x: t.steps, y: delta(t.logp_chosen, t.ref_logp_chosen), line: { color } },
          { type: "scatter", mode: "lines+markers", name: `${label} Δ log πl`, x: t.steps, y: delta(t.logp_rejected, t.ref_logp_rejected), line: { color, dash: "dash" } },
        ] as Data[]),
  );
  return { data, layout: { xaxis: { title: { text: "step" } }, yaxis: { title: { text: "Δ log-prob vs reference" } }, legend: { orientation: "h", y: -0.25 } } };
}
