"use client";

import { DiagnosticsView } from "@/components/diagnostics/diagnostics-view";
import { useRunDiagnostics } from "@/lib/diagnostics/hooks";

/** The 3D panel of a run, as the dashboard fetches it. */
export function DiagnosticsPanel({ runId }: { runId: string }) {
  const diagnostics = useRunDiagnostics(runId);
  if (diagnostics.error) return <p className="text-red-700">Could not compute diagnostics: {diagnostics.error.message}</p>;
  if (!diagnostics.data) return <p className="text-slate-600">Computing diagnostics…</p>;
  return <DiagnosticsView data={diagnostics.data} />;
}
