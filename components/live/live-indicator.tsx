import type { LiveState } from "@/lib/live/hooks";
import { formatStepRate } from "@/lib/live/view/step-rate";

const LABEL: Record<LiveState, string> = { connecting: "connecting…", live: "live", reconnecting: "reconnecting…" };
const DOT: Record<LiveState, string> = { connecting: "bg-slate-400", live: "bg-emerald-500", reconnecting: "bg-amber-500" };

/**
 * Whether this page is following its data as it is written, and how far the run has got. `data-events` counts the
 * updates received, so a test (or a curious user) can wait for the next one.
 */
export function LiveIndicator({
  state,
  events,
  lastStep,
  stepsPerSecond,
}: {
  state: LiveState;
  events: number;
  lastStep?: number | null;
  stepsPerSecond?: number | string | null;
}) {
  const rate = formatStepRate(lastStep ?? null, stepsPerSecond ?? null);
  return (
    <span
      data-testid="live-state"
      data-state={state}
      data-events={events}
      className="inline-flex items-center gap-1.5 rounded-full bg-white px-2 py-0.5 text-xs text-slate-600 ring-1 ring-slate-200"
      title={state === "live" ? "Charts, flags and status update as the run writes" : "Updates paused; they resume with what was missed"}
    >
      <span className={`h-2 w-2 rounded-full ${DOT[state]}`} aria-hidden />
      {LABEL[state]}
      {rate && <span className="text-slate-500">· {rate}</span>}
    </span>
  );
}
