"use client";

import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { dpoVsRmSearch, methodOf, type CandidateRun, type DpoVsRmState } from "@/lib/comparisons/view/dpo-vs-rm-state";
import { methodColor } from "./method-colors";

const field = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

interface ComparisonControlsProps {
  state: DpoVsRmState;
  scenarios: string[];
  metricNames: string[];
  methodCounts: { method: string; count: number }[];
  candidates: CandidateRun[];
}

/** Scenario, metric, band and which runs: each choice rewrites the URL and the server redraws the curves. */
export function ComparisonControls({ state: served, scenarios, metricNames, methodCounts, candidates }: ComparisonControlsProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The controls show a choice at once instead of snapping back until the server has redrawn the chart.
  const [state, setState] = useOptimistic(served);
  const go = (next: DpoVsRmState, search: string) =>
    startTransition(() => {
      setState(next);
      router.push(`?${search}`, { scroll: false });
    });
  const apply = (patch: Partial<DpoVsRmState>) => go({ ...state, ...patch }, dpoVsRmSearch({ ...state, ...patch }));
  // A new scenario starts from the default methods again: excluded ids belong to the old one.
  const pickScenario = (scenario: string) =>
    go({ ...state, scenario: scenario === "all" ? null : scenario }, new URLSearchParams({ scenario, metric: state.metric, band: state.band }).toString());
  const toggle = <T,>(items: T[], item: T) => (items.includes(item) ? items.filter((i) => i !== item) : [...items, item]);
  const metrics = metricNames.includes(state.metric) ? metricNames : [state.metric, ...metricNames];
  const shown = candidates.filter((r) => state.methods.includes(methodOf(r)));

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-busy={pending}>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <label className="flex items-center gap-2">
          <span className="text-slate-600">Scenario</span>
          <select aria-label="Scenario" className={field} value={state.scenario ?? "all"} onChange={(e) => pickScenario(e.target.value)}>
            {scenarios.map((s) => (
              <option key={s} value={s}>
                config.scenario = {s}
              </option>
            ))}
            <option value="all">all runs</option>
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="text-slate-600">Metric</span>
          <select aria-label="Metric" className={field} value={state.metric} onChange={(e) => apply({ metric: e.target.value })}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="text-slate-600">Band</span>
          <select aria-label="Band" className={field} value={state.band} onChange={(e) => apply({ band: e.target.value === "std" ? "std" : "minmax" })}>
            <option value="minmax">min–max over seeds</option>
            <option value="std">mean ± 1 std</option>
          </select>
        </label>
        {pending && <span className="text-xs text-slate-500">Updating…</span>}
      </div>

      <fieldset className="flex flex-wrap items-center gap-2 text-sm">
        <legend className="sr-only">Methods</legend>
        <span className="text-slate-600">Methods</span>
        {methodCounts.map(({ method, count }) => (
          <label key={method} className="flex items-center gap-1.5 rounded-full bg-slate-50 px-3 py-1 ring-1 ring-slate-200">
            <input type="checkbox" checked={state.methods.includes(method)} onChange={() => apply({ methods: toggle(state.methods, method) })} />
            <span className="inline-block h-2.5 w-2.5 rounded-full" style={{ background: methodColor(method) }} />
            {method} <span className="text-slate-500">({count})</span>
          </label>
        ))}
      </fieldset>

      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600">
          Runs: {shown.filter((r) => !state.exclude.includes(r.id)).length} of {shown.length} in the chosen methods
        </summary>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((r) => (
            <li key={r.id}>
              <label className="flex items-center gap-2 font-mono text-xs">
                <input type="checkbox" checked={!state.exclude.includes(r.id)} onChange={() => apply({ exclude: toggle(state.exclude, r.id) })} />
                {r.name}
              </label>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
