"use client";

import { useRunsDiagnostics } from "@/lib/comparisons/hooks";
import type { OverlayRun } from "@/lib/comparisons/view/overlay";
import { DiagnosticsOverlayView } from "./diagnostics-overlay-view";

/** The 3D panel for several runs, each run's diagnostics fetched from the run API (shared with the run pages' cache). */
export function DiagnosticsOverlay({ project, runs }: { project: string; runs: OverlayRun[] }) {
  const diagnostics = useRunsDiagnostics(runs.map((r) => r.id));
  return (
    <DiagnosticsOverlayView
      runs={runs}
      byRun={diagnostics.byRun}
      pending={diagnostics.pending}
      error={diagnostics.error}
      runHref={(id) => `/p/${encodeURIComponent(project)}/runs/${id}`}
    />
  );
}
