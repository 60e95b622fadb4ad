"use client";

import { useMemo, useState } from "react";
import { PlotlyFigure } from "@/components/plots/plotly-figure";
import { usePairDistribution, usePairsAtStep } from "@/lib/sequences/hooks";
import { distributionHeatmap, pairScatter } from "@/lib/sequences/view/pair-figures";

/** Per-pair views: how Δlog πw and Δlog πl spread over training, and every pair at one step. */
export function PairViews({ runId }: { runId: string }) {
  const distribution = usePairDistribution(runId);
  const [step, setStep] = useState<number | null>(null);
  const pairs = usePairsAtStep(runId, step);
  const heatmaps = useMemo(
    () => (distribution.data ? [distributionHeatmap(distribution.data, "chosen"), distributionHeatmap(distribution.data, "rejected")] : []),
    [distribution.data],
  );
  const scatter = useMemo(() => (pairs.data ? pairScatter(pairs.data.rows) : null), [pairs.data]);
  const steps = distribution.data?.steps ?? [];
  if (!distribution.data || steps.length === 0) return null;
  const shown = pairs.data?.step ?? steps.at(-1)!;

  return (
    <section aria-labelledby="pairs-heading" className="space-y-3" data-testid="pair-views">
      <h3 id="pairs-heading" className="font-semibold">
        Per-pair views
      </h3>
      <div className="grid gap-4 lg:grid-cols-3">
        {heatmaps.map((fig, i) => (
          <figure key={i} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <figcaption className="text-sm font-medium">{i === 0 ? "Δ log πw over steps (share of pairs)" : "Δ log πl over steps (share of pairs)"}</figcaption>
            <PlotlyFigure data={fig.data} layout={fig.layout} testId={i === 0 ? "heatmap-chosen" : "heatmap-rejected"} />
          </figure>
        ))}
        <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
          <figcaption className="flex items-center justify-between gap-2 text-sm font-medium">
            <span>Δw vs Δl at step {shown}</span>
            <input
              type="range"
              min={0}
              max={steps.length - 1}
              value={Math.max(0, steps.indexOf(shown))}
              onChange={(e) => setStep(steps[Number(e.target.value)]!)}
              aria-label="Step for the pair scatter"
            />
          </figcaption>
          {scatter && <PlotlyFigure data={scatter.data} layout={scatter.layout} testId="pair-scatter" />}
        </figure>
      </div>
    </section>
  );
}
