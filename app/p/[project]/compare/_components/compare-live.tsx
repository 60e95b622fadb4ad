"use client";

import { LiveIndicator } from "@/components/live/live-indicator";
import { useLiveRuns } from "@/lib/live/hooks";

/** The compared runs' overlays and diagnostics take their new points and flags as the runs write them. */
export function CompareLive({ project, runs, since }: { project: string; runs: string[]; since: number }) {
  const live = useLiveRuns({ project, runs, since });
  return <LiveIndicator state={live.state} events={live.events} />;
}
