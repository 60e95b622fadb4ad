"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { RunBadges } from "@/components/runs/run-badges";
import { LiveIndicator } from "@/components/live/live-indicator";
import { useLiveRuns } from "@/lib/live/hooks";
import type { LiveRunPatch } from "@/lib/live/contract";
import type { RunHealth } from "@/lib/runs/contract";
import { runRecordKey, type EditableRun } from "@/lib/runs/hooks";

type BadgeRun = { id: string; status: string; health: RunHealth | null; last_seen_at: string; algorithm: string | null; flags: unknown[]; tags: string[] };

/**
 * The run page's badges, kept current by the project's live stream, which also brings the run's points, flags and
 * diagnostics into the charts below (they share the page's query cache). `since`: the change id the page was read at.
 * A rename from elsewhere (another tab, a teammate, the API) reloads the header's record: name, group, tags, notes.
 */
export function LiveRunBadges({ project, run, since }: { project: string; run: BadgeRun; since: number }) {
  const [patch, setPatch] = useState<LiveRunPatch | null>(null);
  const client = useQueryClient();
  const onRunChanged = (p: LiveRunPatch) => {
    if (p.id !== run.id) return;
    setPatch(p);
    if (client.getQueryData<EditableRun>(runRecordKey(run.id))?.name !== p.name) void client.invalidateQueries({ queryKey: runRecordKey(run.id) });
  };
  const live = useLiveRuns({ project, runs: [run.id], since, onRunChanged });
  const shown = patch ? { ...run, status: patch.status, health: patch.health, last_seen_at: patch.last_seen_at, flags: patch.flags } : run;
  return (
    <>
      <RunBadges run={shown} />
      <LiveIndicator state={live.state} events={live.events} lastStep={patch?.last_step} stepsPerSecond={patch?.steps_per_second} />
    </>
  );
}
