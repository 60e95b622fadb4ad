"use client";

import { describeProgress, type ProgressEstimate } from "@/lib/core/view/progress";
import type { UploadProgress } from "@/lib/importers/upload";

const PHASE_LABEL = { sending: "Uploading", storing: "Storing" } as const;

/** A large upload's bar (bytes) with its words: bytes, rows once the server stores them, rate and time left. */
export function ImportProgress({ progress, estimate }: { progress: UploadProgress; estimate: ProgressEstimate }) {
  const label = PHASE_LABEL[progress.phase];
  const rows = progress.phase === "storing" ? progress.rows : undefined;
  return (
    <div className="mt-2 space-y-1" data-testid="import-progress" data-phase={progress.phase}>
      <div
        role="progressbar"
        aria-label={`${label} files`}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.bytes}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-blue-600 transition-[width]" style={{ width: `${progress.total > 0 ? Math.min(100, (progress.bytes / progress.total) * 100) : 0}%` }} />
      </div>
      <p className="text-slate-600 tabular-nums">
        {label}: {describeProgress({ bytes: progress.bytes, total: progress.total, rows }, estimate)}
      </p>
    </div>
  );
}
