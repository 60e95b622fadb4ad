"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { XAxis } from "@/lib/metrics/view/metric-lines";

export interface ChartSettings {
  smoothing: number;
  x: XAxis;
  logY: boolean;
  /** Zooming one chart zooms them all to the same x range. */
  syncZoom: boolean;
}

/** Chart settings live in the URL (`smooth`, `x`, `log`, `sync`), so a link reopens the charts as they were. */
export function useChartSettings(): [ChartSettings, (next: Partial<ChartSettings>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const smoothing = Math.min(0.99, Math.max(0, Number(params.get("smooth") ?? 0) || 0));
  const settings: ChartSettings = { smoothing, x: params.get("x") === "time" ? "time" : "step", logY: params.get("log") === "1", syncZoom: params.get("sync") === "1" };
  const update = (next: Partial<ChartSettings>) => {
    const merged = { ...settings, ...next };
    const query = new URLSearchParams(params);
    query.set("smooth", String(merged.smoothing));
    query.set("x", merged.x);
    query.set("log", merged.logY ? "1" : "0");
    if (merged.syncZoom) query.set("sync", "1");
    else query.delete("sync");
    router.replace(`${pathname}?${query}`, { scroll: false });
  };
  return [settings, update];
}

export function ChartToolbar({ settings, onChange }: { settings: ChartSettings; onChange: (next: Partial<ChartSettings>) => void }) {
  return (
    <div className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm">
      <label className="flex items-center gap-2">
        Smoothing
        <input type="range" min={0} max={0.99} step={0.01} value={settings.smoothing} onChange={(e) => onChange({ smoothing: Number(e.target.value) })} aria-label="Smoothing" />
        <span className="w-10 tabular-nums">{settings.smoothing.toFixed(2)}</span>
      </label>
      <label className="flex items-center gap-2">
        x axis
        <select value={settings.x} onChange={(e) => onChange({ x: e.target.value as XAxis })} className="rounded border border-slate-300 px-1" aria-label="x axis">
          <option value="step">step</option>
          <option value="time">wall time</option>
        </select>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={settings.logY} onChange={(e) => onChange({ logY: e.target.checked })} /> log y
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={settings.syncZoom} onChange={(e) => onChange({ syncZoom: e.target.checked })} /> sync zoom
      </label>
      <span className="text-xs text-slate-500">Drag on a chart to zoom in: detail is fetched for the range. Double-click to reset.</span>
    </div>
  );
}
