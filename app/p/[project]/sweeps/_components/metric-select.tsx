"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { withSearchParam } from "@/lib/comparisons/view/overlay-params";

/** The sweep's metric; a change reloads the page's final values from the server, so it is a navigation (`?metric=`). */
export function MetricSelect({ metrics, value }: { metrics: string[]; value: string }) {
  const router = useRouter();
  const params = useSearchParams();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Metric</span>
      <select
        value={value}
        onChange={(e) => router.push(withSearchParam(params.toString(), "metric", e.target.value), { scroll: false })}
        className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
      >
        {metrics.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}
