"use client";

import type { LabForm } from "@/lib/lab/lab-form";
import { LAB_ALGORITHMS, LAB_MAX_STEPS, LAB_PARAMS, type LabAlgorithm, type LabParam } from "@/lib/lab/contract";

const ALGORITHM_LABELS: Record<LabAlgorithm, string> = {
  dpo: "DPO",
  flex_dpo: "Flex-DPO (separate β_w, β_l)",
  dpo_sft: "DPO + SFT",
  ipo: "IPO",
  slic: "SLiC-HF",
  reward_model: "Reward model (Bradley–Terry)",
};

const PARAM_LABELS: Record<LabParam, { symbol: string; hint: string }> = {
  beta: { symbol: "β", hint: "KL strength" },
  beta_w: { symbol: "β_w", hint: "on the chosen" },
  beta_l: { symbol: "β_l", hint: "on the rejected" },
  alpha: { symbol: "α", hint: "weight of the chosen NLL" },
  tau: { symbol: "τ", hint: "IPO's target margin is 1/(2τ)" },
  delta: { symbol: "δ", hint: "hinge margin" },
  lambda: { symbol: "λ", hint: "weight of the chosen NLL" },
};

type Errors = Partial<Record<string, string>>;

/** The loss and its parameters (only those it reads), steps and seed; numbers stay text until validated. */
export function AlgorithmFields({ form, errors, onChange }: { form: LabForm; errors: Errors; onChange: (patch: Partial<LabForm>) => void }) {
  return (
    <div className="space-y-3">
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">Algorithm</span>
        <select
          value={form.algorithm}
          onChange={(e) => onChange({ algorithm: e.target.value as LabAlgorithm })}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
        >
          {LAB_ALGORITHMS.map((a) => (
            <option key={a} value={a}>
              {ALGORITHM_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      {LAB_PARAMS[form.algorithm].length === 0 ? (
        <p className="text-xs text-slate-500">A reward model has no loss parameters: it fits R_w − R_l on the same pairs.</p>
      ) : (
        <div className="grid grid-cols-2 gap-3">
          {LAB_PARAMS[form.algorithm].map((key) => (
            <NumberField
              key={key}
              label={PARAM_LABELS[key].symbol}
              hint={PARAM_LABELS[key].hint}
              value={form.params[key]}
              error={errors[key]}
              onChange={(text) => onChange({ params: { ...form.params, [key]: text } })}
            />
          ))}
        </div>
      )}
      <div className="grid grid-cols-2 gap-3">
        <NumberField label="Steps" hint={`1–${LAB_MAX_STEPS}`} value={form.steps} error={errors.steps} onChange={(steps) => onChange({ steps })} />
        <NumberField label="Seed" hint="initial weights" value={form.seed} error={errors.seed} onChange={(seed) => onChange({ seed })} />
      </div>
    </div>
  );
}

function NumberField({ label, hint, value, error, onChange }: { label: string; hint: string; value: string; error?: string; onChange: (text: string) => void }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 flex items-baseline justify-between gap-2">
        <span className="font-medium text-slate-700">{label}</span>
        <span className="truncate text-xs text-slate-500">{hint}</span>
      </span>
      <input
        value={value}
        inputMode="decimal"
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        className={`w-full rounded-md border px-2 py-1.5 font-mono ${error ? "border-red-400 bg-red-50" : "border-slate-300"}`}
      />
      {error && <span className="mt-0.5 block text-xs text-red-700">{error}</span>}
    </label>
  );
}
