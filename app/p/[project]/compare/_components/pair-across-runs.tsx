"use client";

import { useMemo, useState } from "react";
import { PlotlyFigure } from "@/components/plots/plotly-figure";
import { PairTextsView } from "@/components/pairs/pair-texts-view";
import type { OverlayRun } from "@/lib/comparisons/view/overlay";
import { usePairAcrossRuns } from "@/lib/pairs/hooks";
import { pairAcrossRunsFigure } from "@/lib/pairs/view/pair-trajectory-figure";

/** One pair across the compared runs (e.g. DPO vs DPO+SFT on one prompt): its texts and each run's Δ log-probs. */
export function PairAcrossRuns({ runs }: { runs: OverlayRun[] }) {
  const [draft, setDraft] = useState("");
  const [pairId, setPairId] = useState<string | null>(null);
  const results = usePairAcrossRuns(
    runs.map((r) => r.id),
    pairId,
  );
  const trajectories = results.map((r) => r.data);
  // useQueries answers a new array each render: the figure is redrawn only when an answer (or the runs) changed.
  const answered = results.map((r) => r.dataUpdatedAt).join();
  const figure = useMemo(
    () => pairAcrossRunsFigure(runs.map((r, i) => ({ label: r.label, color: r.color, trajectory: trajectories[i] }))),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `answered` stands for `trajectories`
    [runs, answered],
  );
  const texts = trajectories.find((t) => t?.texts)?.texts;
  const missing = pairId === null ? [] : runs.filter((_, i) => trajectories[i] && trajectories[i]!.steps.length === 0).map((r) => r.label);
  return (
    <div className="space-y-3" data-testid="pair-across-runs">
      <form
        className="flex items-center gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          setPairId(draft.trim() || null);
        }}
      >
        <input className="rounded border border-slate-300 px-2 py-1" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="pair id" aria-label="Pair id" />
        <button type="submit" className="rounded border border-slate-300 px-2 py-1">
          Show pair
        </button>
        {missing.length > 0 && <span className="text-slate-500">not logged by: {missing.join(", ")}</span>}
      </form>
      {pairId !== null && (
        <div className="grid gap-3 lg:grid-cols-2">
          <div className="space-y-2 text-sm">
            <PairTextsView texts={texts} />
          </div>
          {figure.data.length > 0 && <PlotlyFigure data={figure.data} layout={figure.layout} height={300} testId="pair-across-runs-chart" />}
        </div>
      )}
    </div>
  );
}
