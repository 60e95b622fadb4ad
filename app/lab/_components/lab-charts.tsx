"use client";

import { useMemo, useState } from "react";
import { LineChart } from "@/components/plots/line-chart";
import { toLabChartSpecs, type LabSeries } from "@/lib/lab/live-series";
import type { ChartSpec } from "@/lib/core/view/chart-spec";

/** One stable empty list: LineChart redraws whenever `markers` is a new array. */
const NO_MARKERS: { x: number; label: string; color: string }[] = [];
const HEIGHT = 280;

/** The paper's Figures 2 and 3 for the run on screen, redrawn as each chunk of steps arrives. */
export function LabCharts({ series }: { series: LabSeries }) {
  const [probabilities, gradients] = useMemo(() => toLabChartSpecs(series), [series]);
  const [logY, setLogY] = useState(false);
  const empty = series.steps.length === 0;
  return (
    <div className="space-y-4">
      <ChartCard
        spec={probabilities}
        empty={empty}
        emptyText={empty ? "Press Run to draw πw, πl and the unseen mass." : "A reward model has no likelihoods: its gradients, with respect to the reward R, are below."}
        control={
          <label className="flex items-center gap-1.5 text-xs text-slate-600">
            <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} />
            log scale
          </label>
        }
        logY={logY}
      />
      <ChartCard spec={gradients} empty={empty} emptyText="Press Run to draw both gradients and their ratio." />
    </div>
  );
}

function ChartCard({ spec, empty, emptyText, control, logY = false }: { spec: ChartSpec; empty: boolean; emptyText: string; control?: React.ReactNode; logY?: boolean }) {
  const drawable = !empty && spec.lines.length > 0;
  return (
    <figure data-chart={spec.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-1 flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-slate-800">{spec.title}</span>
        {control}
      </figcaption>
      {drawable ? (
        <LineChart lines={spec.lines} yTitle={spec.yTitle} y2Title={spec.y2Title} logY={logY} height={HEIGHT} markers={NO_MARKERS} />
      ) : (
        <div className="flex items-center justify-center rounded-md border border-dashed border-slate-200 text-sm text-slate-500" style={{ height: HEIGHT }}>
          {emptyText}
        </div>
      )}
    </figure>
  );
}
