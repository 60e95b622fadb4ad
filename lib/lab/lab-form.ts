// The lab's form: what the inputs hold (numbers as typed, so "0." can be typed), how it reads from and writes
// to the URL (a setup is a permalink), and the validated setup it becomes.

import { labSetupSchema, LAB_ALGORITHMS, LAB_PARAMS, LAB_PARAM_KEYS, LAB_SCENARIOS, type LabAlgorithm, type LabParam, type LabSetup } from "./contract";
import { normaliseDistribution, scenarioDistribution } from "./distribution";

export type LabScenario = LabSetup["scenario"];

export interface LabForm {
  scenario: LabScenario;
  /** What the bars show: the scenario's target for a preset, the dragged one for "custom". */
  distribution: number[];
  algorithm: LabAlgorithm;
  /** Every parameter's text, kept when the algorithm changes so switching back restores it. */
  params: Record<LabParam, string>;
  steps: string;
  seed: string;
}

/** β_l below β_w is the paper's remedy (Figure 9), so flex_dpo opens on it rather than on plain DPO. */
export const DEFAULT_LAB_FORM: LabForm = {
  scenario: 1,
  distribution: scenarioDistribution(1),
  algorithm: "dpo",
  params: { beta: "0.1", beta_w: "0.1", beta_l: "0.01", alpha: "1", tau: "0.1", delta: "1", lambda: "0.1" },
  steps: "500",
  seed: "1",
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const isNumberText = (text: string | undefined): text is string => text !== undefined && text.trim() !== "" && Number.isFinite(Number(text));

/** Reads a permalink; anything missing or malformed falls back to the default rather than failing the page. */
export function parseLabSearchParams(search: SearchParams): LabForm {
  const form: LabForm = { ...DEFAULT_LAB_FORM, params: { ...DEFAULT_LAB_FORM.params } };
  const scenario = first(search.scenario);
  const preset = LAB_SCENARIOS.find((s) => String(s) === scenario);
  const dist = first(search.dist)?.split(",").map(Number);
  const custom = scenario === "custom" && dist?.length === 10 ? normaliseDistribution(dist) : null;
  if (custom) Object.assign(form, { scenario: "custom", distribution: custom });
  else if (preset) Object.assign(form, { scenario: preset, distribution: scenarioDistribution(preset) });
  const algorithm = LAB_ALGORITHMS.find((a) => a === first(search.algorithm));
  if (algorithm) form.algorithm = algorithm;
  for (const key of LAB_PARAM_KEYS) {
    const text = first(search[key]);
    if (isNumberText(text)) form.params[key] = text;
  }
  for (const key of ["steps", "seed"] as const) {
    const text = first(search[key]);
    if (isNumberText(text)) form[key] = text;
  }
  return form;
}

/** Nine significant digits: a permalink reproduces a dragged distribution to ~1e-9, which the fit cannot tell apart. */
const compact = (p: number) => String(Number(p.toPrecision(9)));

export function labFormToSearchParams(form: LabForm): URLSearchParams {
  const search = new URLSearchParams({ scenario: String(form.scenario) });
  if (form.scenario === "custom") search.set("dist", form.distribution.map(compact).join(","));
  search.set("algorithm", form.algorithm);
  for (const key of LAB_PARAMS[form.algorithm]) search.set(key, form.params[key]);
  search.set("steps", form.steps);
  search.set("seed", form.seed);
  return search;
}

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

export type LabFormResult = { ok: true; setup: LabSetup } | { ok: false; errors: Partial<Record<string, string>> };

/** The setup the form describes, checked by the same schema the server applies; errors keyed by field. */
export function labFormToSetup(form: LabForm): LabFormResult {
  const candidate = {
    scenario: form.scenario,
    ...(form.scenario === "custom" ? { initial_distribution: form.distribution } : {}),
    algorithm: form.algorithm,
    ...Object.fromEntries(LAB_PARAMS[form.algorithm].map((key) => [key, toNumber(form.params[key])])),
    steps: toNumber(form.steps),
    seed: toNumber(form.seed),
  };
  const parsed = labSetupSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, setup: parsed.data };
  const errors: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors };
}
