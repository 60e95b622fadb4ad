"use client";

import { useMemo } from "react";
import { PlotlyFigure } from "@/components/plots/plotly-figure";
import { PairTextsView } from "@/components/pairs/pair-texts-view";
import { usePairTrajectory, type PairSource } from "@/lib/pairs/hooks";
import { pairTrajectoryFigure } from "@/lib/pairs/view/pair-trajectory-figure";

/** One pair: its prompt and both responses beside its chosen, rejected and reference log-probs over training. */
export function PairDetail({ source, pairId, onClose }: { source: PairSource; pairId: string; onClose: () => void }) {
  const trajectory = usePairTrajectory(source, pairId);
  const figure = useMemo(() => (trajectory.data ? pairTrajectoryFigure(trajectory.data) : null), [trajectory.data]);
  const texts = trajectory.data?.texts;
  return (
    <aside className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid="pair-detail" aria-label={`Pair ${pairId}`}>
      <div className="flex items-center justify-between gap-2">
        <h4 className="font-mono text-sm font-semibold">{pairId}</h4>
        <button type="button" onClick={onClose} className="text-sm text-blue-700 hover:underline">
          Close
        </button>
      </div>
      {trajectory.error && <p className="text-sm text-red-700">{trajectory.error.message}</p>}
      {trajectory.data && (
        <div className="grid gap-3 lg:grid-cols-2">
          <div className="space-y-2 text-sm">
            <PairTextsView texts={texts} testIdPrefix="pair" />
          </div>
          {figure && <PlotlyFigure data={figure.data} layout={figure.layout} height={280} testId="pair-trajectory" />}
        </div>
      )}
    </aside>
  );
}
