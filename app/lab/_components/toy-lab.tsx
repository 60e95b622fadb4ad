"use client";

import { useEffect, useMemo, useState } from "react";
import { scenarioDistribution } from "@/lib/lab/distribution";
import { labFormToSearchParams, labFormToSetup, type LabForm } from "@/lib/lab/lab-form";
import type { LabSetup } from "@/lib/lab/contract";
import { AlgorithmFields } from "./algorithm-fields";
import { DistributionEditor } from "./distribution-editor";
import { LabCharts } from "./lab-charts";
import { RunProgress } from "./run-progress";
import { SaveRunForm } from "./save-run-form";
import { ScenarioPicker } from "./scenario-picker";
import { useToyRun, type ToyRunView } from "./use-toy-run";

/** What "Save as run" stores: the run on screen, cut at the step where it was stopped. */
function savableSetup(view: ToyRunView): LabSetup | null {
  if (!view.setup || view.status === "running") return null;
  if (view.status === "stopped") return view.step >= 1 ? { ...view.setup, steps: view.step } : null;
  return view.setup;
}

export function ToyLab({ initialForm, projects }: { initialForm: LabForm; projects: string[] }) {
  const [form, setForm] = useState(initialForm);
  const checked = useMemo(() => labFormToSetup(form), [form]);
  const { view, start, stop } = useToyRun();
  const errors = checked.ok ? {} : checked.errors;
  const changedSinceRun = view.setup !== null && (!checked.ok || JSON.stringify(checked.setup) !== JSON.stringify(view.setup));

  // The URL is the setup, so a lab setup is a permalink. Debounced: dragging a bar would otherwise rewrite
  // history on every pointer move, which browsers throttle.
  useEffect(() => {
    const timer = setTimeout(() => window.history.replaceState(null, "", `?${labFormToSearchParams(form)}`), 250);
    return () => clearTimeout(timer);
  }, [form]);

  const patch = (next: Partial<LabForm>) => setForm((f) => ({ ...f, ...next }));

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[420px_minmax(0,1fr)]">
      <div className="space-y-4">
        <form
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          aria-label="Toy run setup"
          onSubmit={(e) => {
            e.preventDefault();
            if (checked.ok) start(checked.setup);
          }}
        >
          <ScenarioPicker value={form.scenario} onPick={(scenario) => patch({ scenario, distribution: scenarioDistribution(scenario) })} />
          <DistributionEditor value={form.distribution} onChange={(distribution) => patch({ scenario: "custom", distribution })} />
          {errors.initial_distribution && <p className="text-xs text-red-700">{errors.initial_distribution}</p>}
          <hr className="border-slate-100" />
          <AlgorithmFields form={form} errors={errors} onChange={patch} />
          <div className="flex items-center gap-2 pt-1">
            <button type="submit" disabled={!checked.ok} className="rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-40">
              Run
            </button>
            <button
              type="button"
              onClick={stop}
              disabled={view.status !== "running"}
              className="rounded-md px-4 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:text-slate-400 disabled:ring-slate-200 disabled:hover:bg-transparent"
            >
              Stop
            </button>
            {changedSinceRun && <span className="text-xs text-amber-700">Setup changed since the run on screen.</span>}
          </div>
        </form>
        <SaveRunForm key={view.runNumber} shown={savableSetup(view)} projects={projects} />
      </div>
      <div className="space-y-4">
        <RunProgress view={view} />
        <LabCharts series={view.series} />
      </div>
    </div>
  );
}
