import type { ToyRunView } from "./use-toy-run";

const STATUS_TEXT = { idle: "Ready", running: "Running…", done: "Done", stopped: "Stopped" } as const;
const STATUS_STYLE = {
  idle: "bg-slate-100 text-slate-600",
  running: "bg-blue-100 text-blue-800",
  done: "bg-emerald-100 text-emerald-800",
  stopped: "bg-amber-100 text-amber-800",
} as const;

/** Where the run on screen is: its status, a progress bar and the step counter. */
export function RunProgress({ view }: { view: ToyRunView }) {
  const total = view.setup?.steps ?? 0;
  const share = total > 0 ? view.step / total : 0;
  return (
    <div className="flex items-center gap-4 rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-sm">
      <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_STYLE[view.status]}`} data-testid="lab-status">
        {STATUS_TEXT[view.status]}
      </span>
      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className="h-full rounded-full bg-blue-500" style={{ width: `${share * 100}%` }} />
      </div>
      <span className="font-mono text-sm tabular-nums text-slate-700" data-testid="lab-step">
        step {view.step} / {total || "—"}
      </span>
    </div>
  );
}
