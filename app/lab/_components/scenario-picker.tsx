"use client";

import type { LabScenario } from "@/lib/lab/lab-form";
import { LAB_SCENARIOS } from "@/lib/lab/contract";

/** The paper's four starting points (toy-setup.ts): whether the chosen and the rejected answers start likely. */
const SCENARIO_LABELS: Record<(typeof LAB_SCENARIOS)[number], string> = {
  1: "both likely",
  2: "chosen unlikely",
  3: "rejected unlikely",
  4: "both unlikely",
};

export function ScenarioPicker({ value, onPick }: { value: LabScenario; onPick: (scenario: (typeof LAB_SCENARIOS)[number]) => void }) {
  const custom = value === "custom";
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-x-2">
        <h2 className="font-semibold">Initial distribution</h2>
        <span
          aria-current={custom ? "true" : undefined}
          data-testid="custom-scenario"
          className={custom ? "rounded-full bg-slate-900 px-2.5 py-0.5 text-xs font-medium text-white" : "text-xs text-slate-500"}
        >
          {custom ? "Custom (dragged)" : "pick a scenario or drag a bar"}
        </span>
      </div>
      <div className="grid grid-cols-2 gap-1.5 sm:grid-cols-4" role="group" aria-label="Scenario presets">
        {LAB_SCENARIOS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={value === s}
            onClick={() => onPick(s)}
            className={`rounded-md px-2 py-1.5 text-left leading-tight ring-1 transition ${value === s ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-300 hover:ring-slate-500"}`}
          >
            <span className="block text-xs font-semibold">Scenario {s}</span>
            <span className={`block text-[11px] ${value === s ? "text-slate-300" : "text-slate-500"}`}>{SCENARIO_LABELS[s]}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
