const STYLES: Record<string, string> = {
  running: "bg-blue-50 text-blue-700 ring-blue-200",
  finished: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs ring-1 ${STYLES[status] ?? "bg-slate-50 text-slate-700 ring-slate-200"}`}>{status}</span>;
}
