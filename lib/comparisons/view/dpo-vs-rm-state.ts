import type { BandKind } from "./accuracy-curves";
import { readConfigPath } from "./table-pivot";

/**
 * The DPO-vs-reward-model view's choices, in the URL: `scenario` (a config.scenario value, or "all"), `metric`,
 * `band`, `methods` (algorithms, comma-separated) and `exclude` (run ids left out). By default it compares the
 * reward-model runs with the DPO runs of the same scenario — the same preference pairs — as the paper's Figure 4.
 */

export interface CandidateRun {
  id: string;
  name: string;
  algorithm: string | null;
  config: Record<string, unknown>;
}

export interface DpoVsRmState {
  /** null: every run of the project, whatever its scenario. */
  scenario: string | null;
  metric: string;
  band: BandKind;
  methods: string[];
  exclude: string[];
}

export interface DpoVsRmView {
  state: DpoVsRmState;
  scenarios: string[];
  /** The scenario's runs, any method: what the run picker lists. */
  candidates: CandidateRun[];
  selected: CandidateRun[];
  methodCounts: { method: string; count: number }[];
}

export const DEFAULT_METHODS = ["dpo", "reward_model"];
const DEFAULT_METRIC = "eval/pref_accuracy";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const list = (value: string | undefined) => (value ? value.split(",").filter(Boolean) : []);

export const methodOf = (run: Pick<CandidateRun, "algorithm">) => run.algorithm ?? "—";

function scenarioOf(run: CandidateRun): string | null {
  const value = readConfigPath(run.config, "scenario");
  return value === undefined || value === null || typeof value === "object" ? null : String(value);
}

/** The first scenario with both a reward model and DPO, else one with a reward model, else all runs. */
function defaultScenario(runs: CandidateRun[], scenarios: string[]): string | null {
  const has = (scenario: string, method: string) => runs.some((r) => scenarioOf(r) === scenario && methodOf(r) === method);
  return scenarios.find((s) => has(s, "reward_model") && has(s, "dpo")) ?? scenarios.find((s) => has(s, "reward_model")) ?? null;
}

function defaultMetric(metricNames: string[]): string {
  return metricNames.includes(DEFAULT_METRIC) ? DEFAULT_METRIC : (metricNames.find((m) => /acc/i.test(m)) ?? metricNames[0] ?? DEFAULT_METRIC);
}

export function resolveDpoVsRm({ params, runs, metricNames }: { params: SearchParams; runs: CandidateRun[]; metricNames: string[] }): DpoVsRmView {
  const scenarios = [...new Set(runs.map(scenarioOf).filter((s): s is string => s !== null))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const askedScenario = first(params.scenario);
  const scenario = askedScenario === "all" ? null : askedScenario && scenarios.includes(askedScenario) ? askedScenario : defaultScenario(runs, scenarios);
  const candidates = runs.filter((r) => scenario === null || scenarioOf(r) === scenario);
  const present = [...new Set(candidates.map(methodOf))].sort((a, b) => a.localeCompare(b));
  const askedMethods = first(params.methods);
  const fallbackMethods = DEFAULT_METHODS.filter((m) => present.includes(m));
  const methods = askedMethods !== undefined ? list(askedMethods) : fallbackMethods.length ? fallbackMethods : present;
  const exclude = list(first(params.exclude));
  const askedMetric = first(params.metric);
  const state: DpoVsRmState = {
    scenario,
    metric: askedMetric || defaultMetric(metricNames),
    band: first(params.band) === "std" ? "std" : "minmax",
    methods,
    exclude,
  };
  return {
    state,
    scenarios,
    candidates,
    selected: candidates.filter((r) => methods.includes(methodOf(r)) && !exclude.includes(r.id)),
    methodCounts: present.map((method) => ({ method, count: candidates.filter((r) => methodOf(r) === method).length })),
  };
}

export function dpoVsRmSearch(state: DpoVsRmState): string {
  return new URLSearchParams({
    scenario: state.scenario ?? "all",
    metric: state.metric,
    band: state.band,
    methods: state.methods.join(","),
    ...(state.exclude.length ? { exclude: state.exclude.join(",") } : {}),
  }).toString();
}
