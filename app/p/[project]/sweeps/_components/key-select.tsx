"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { withSearchParam } from "@/lib/comparisons/view/overlay-params";

/**
 * What the sweeps vary: β, β_w or β_l (found by themselves), or a config key the user picks (`?key=`). Another key
 * finds other sweeps, so the chosen sweep (`?sweep=`) is dropped with it.
 */
export function KeySelect({ keys, value }: { keys: string[]; value: string | null }) {
  const router = useRouter();
  const params = useSearchParams();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-600">Swept key</span>
      <select
        value={value ?? ""}
        onChange={(e) => router.push(withSearchParam(withSearchParam(params.toString(), "sweep", null).slice(1), "key", e.target.value || null), { scroll: false })}
        className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm"
      >
        <option value="">β, β_w or β_l</option>
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </label>
  );
}
