"use client";

import { useState } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import type { RunHealth } from "@/lib/runs/contract";
import { silenceTitle } from "@/lib/runs/view/health-label";

const HEALTH_STYLES: Record<string, string> = {
  stale: "bg-amber-50 text-amber-800 ring-amber-300",
  crashed: "bg-red-50 text-red-700 ring-red-300",
};

/**
 * A run's status, or its health when a `running` run has gone silent: `stale`, then `crashed`, with how long in
 * the tooltip (counted to the first render's clock: the server's and the browser's may differ by a moment).
 */
export function RunStatusBadge({ run }: { run: { status: string; health?: RunHealth | null; last_seen_at?: string } }) {
  // The clock read once, when the badge first renders: the health itself came from the server with the run.
  const [now] = useState(() => Date.now());
  const health = run.health;
  if ((health !== "stale" && health !== "crashed") || !run.last_seen_at) return <StatusBadge status={run.status} />;
  return (
    <span data-health={health} title={silenceTitle(run.last_seen_at, now)} suppressHydrationWarning className={`rounded-full px-2 py-0.5 text-xs ring-1 ${HEALTH_STYLES[health]}`}>
      {health}
    </span>
  );
}
