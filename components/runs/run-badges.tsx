import { FlagBadge, type FlagLike } from "@/components/flags/flag-badge";
import type { RunHealth } from "@/lib/runs/contract";
import { RunStatusBadge } from "./run-status-badge";

/** A run's status, algorithm, flags and tags, as its page header shows them. */
export function RunBadges({ run }: { run: { status: string; health?: RunHealth | null; last_seen_at?: string; algorithm: string | null; flags: unknown[]; tags: string[] } }) {
  return (
    <>
      <RunStatusBadge run={run} />
      {run.algorithm && <span className="rounded bg-slate-100 px-2 py-0.5 text-sm">{run.algorithm}</span>}
      {(run.flags as FlagLike[]).map((f) => (
        <FlagBadge key={f.property} flag={f} />
      ))}
      {run.tags.map((t) => (
        <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
          {t}
        </span>
      ))}
    </>
  );
}
