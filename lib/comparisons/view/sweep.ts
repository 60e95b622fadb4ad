import { formatValue } from "@/lib/core/view/format";

/** The loss parameters a β sweep varies (Figure 9 of Yan et al. lowers β_l at a fixed β_w). */
export const BETA_PARAMETERS = ["beta", "beta_w", "beta_l"] as const;
export type BetaParameter = (typeof BETA_PARAMETERS)[number];

export const BETA_LABELS: Record<BetaParameter, string> = { beta: "β", beta_w: "β_w", beta_l: "β_l" };

/** How a swept parameter reads: β, β_w, β_l by their symbols, any other config key (a user-chosen sweep) as it is. */
export function parameterLabel(parameter: string): string {
  return (BETA_LABELS as Record<string, string>)[parameter] ?? parameter;
}

export interface SweepCandidateRun {
  id: string;
  name: string;
  group: string | null;
  algorithm?: string | null;
  config: Record<string, unknown>;
}

export interface SweepRun {
  id: string;
  name: string;
  /** The swept parameter's value in this run. */
  beta: number;
}

export interface Sweep {
  /** Its name: the run group, or (found by config) a label of the runs' algorithm. Unique among a project's sweeps. */
  group: string;
  /** How its runs were found: as a run group, or as runs alike in everything but one β. */
  basis: "group" | "config";
  /** Which runs it grouped and why, in words. */
  reason: string;
  /** The swept config key: one of the β parameters, or the key the user chose. */
  parameter: string;
  /** Distinct values of the swept parameter, ascending. */
  values: number[];
  runs: SweepRun[];
  /** The β parameters held fixed across the group, e.g. `{beta_w: 0.1}` in a β_l sweep. */
  fixed: Record<string, number>;
}

/** A β as configs carry it: a JSON number, or a string that reads as one ("1e-3" from YAML or argparse). */
export function readBeta(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * Config keys that differ from run to run of one experiment without being a setting of it: runs that differ only
 * in these (and one β) are one sweep. The seed makes replicates; the rest are where each run was written.
 */
const PER_RUN_KEYS: ReadonlySet<string> = new Set(["seed", "data_seed", "run_name", "output_dir", "logging_dir", "imported_from", "hub_model_id"]);

/**
 * The runs of `members` as a sweep of the one parameter of `candidates` they differ in, if they do (null
 * otherwise). `key`: a user-chosen parameter, which must be the one that varies (the β parameters held).
 */
function sweepOf(members: SweepCandidateRun[], label: string, basis: Sweep["basis"], candidates: readonly string[], key?: string): Sweep | null {
  if (members.length < 2) return null;
  // A missing key (null) counts as a value of its own: a group where only some runs set β_l is not a clean sweep.
  const valuesOf = (p: string) => members.map((r) => readBeta(r.config[p]));
  const varying = candidates.filter((p) => new Set(valuesOf(p)).size > 1);
  if (varying.length !== 1 || (key !== undefined && varying[0] !== key)) return null;
  const parameter = varying[0]!;
  const betas = valuesOf(parameter);
  if (betas.some((b) => b === null || b <= 0)) return null;
  const fixed: Sweep["fixed"] = {};
  for (const p of BETA_PARAMETERS) {
    const first = valuesOf(p)[0];
    if (p !== parameter && first !== null && first !== undefined) fixed[p] = first;
  }
  const runs = members.map((r, i) => ({ id: r.id, name: r.name, beta: betas[i]! })).sort((a, b) => a.beta - b.beta || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const what = parameterLabel(parameter);
  const reason =
    basis === "group"
      ? `the runs of group "${label}", which differ in ${what}`
      : `runs that share their algorithm and every config value except ${what} (and the seed or where they were written), whatever their group or name`;
  return { group: label, basis, reason, parameter, values: [...new Set(runs.map((r) => r.beta))], runs, fixed };
}

/** What a run is apart from its β and its per-run keys: runs alike in this and differing in one β are a sweep. */
function configSignature(run: SweepCandidateRun, swept: readonly string[]): string {
  const kept = Object.entries(run.config)
    .filter(([key]) => !swept.includes(key) && !PER_RUN_KEYS.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([run.algorithm ?? null, kept]);
}

/**
 * Every β sweep among the runs: groups whose runs differ in exactly one of β, β_w, β_l, and, whatever their group
 * or name, runs that share their algorithm and every config value but one β (seeds and output paths aside). Every
 * run carries a positive value of the swept β (the final-value chart has a log axis); runs sharing a β are
 * replicates. A set of runs found both ways is listed once, as its group. Group sweeps first, each kind by name.
 * With `key`, the sweeps of that config key instead (a user-defined sweep: a learning rate, a batch size).
 */
export function detectSweeps({ runs, key }: { runs: SweepCandidateRun[]; key?: string }): Sweep[] {
  // A chosen key is swept alone: runs alike but for it hold every β (a β is part of what makes them alike).
  const candidates: readonly string[] = key === undefined ? BETA_PARAMETERS : [key, ...BETA_PARAMETERS.filter((p) => p !== key)];
  const swept: readonly string[] = key === undefined ? BETA_PARAMETERS : [key];
  const byKey = (pick: (r: SweepCandidateRun) => string | null) => {
    const out = new Map<string, SweepCandidateRun[]>();
    for (const run of runs) {
      const key = pick(run);
      if (key !== null) out.set(key, [...(out.get(key) ?? []), run]);
    }
    return out;
  };
  const grouped = [...byKey((r) => r.group)].flatMap(([group, members]) => sweepOf(members, group, "group", candidates, key) ?? []);
  grouped.sort((a, b) => a.group.localeCompare(b.group));
  const runSet = (s: Sweep) =>
    s.runs
      .map((r) => r.id)
      .sort()
      .join(",");
  const seen = new Set(grouped.map(runSet));
  const labels = new Map<string, number>();
  const byConfig = [...byKey((r) => configSignature(r, swept)).values()].flatMap((members) => {
    const algorithm = members[0]!.algorithm;
    const base = `${algorithm ? `${algorithm} ` : ""}runs alike but for ${key === undefined ? "β" : parameterLabel(key)}`;
    const sweep = sweepOf(members, base, "config", candidates, key);
    if (!sweep || seen.has(runSet(sweep))) return [];
    const n = (labels.get(base) ?? 0) + 1;
    labels.set(base, n);
    return [{ ...sweep, group: n === 1 ? base : `${base} (${n})` }];
  });
  return [...grouped, ...byConfig];
}

/**
 * The config keys a user may sweep: positive numbers in at least two runs, with at least two values between them
 * (the per-run keys, such as the seed, are no setting to sweep). Sorted by name.
 */
export function sweepableKeys({ runs }: { runs: SweepCandidateRun[] }): string[] {
  const values = new Map<string, Set<number>>();
  for (const run of runs) {
    for (const [key, raw] of Object.entries(run.config)) {
      const value = readBeta(raw);
      if (value === null || value <= 0 || PER_RUN_KEYS.has(key)) continue;
      values.set(key, (values.get(key) ?? new Set()).add(value));
    }
  }
  return [...values].flatMap(([key, seen]) => (seen.size >= 2 ? [key] : [])).sort();
}

export interface FinalValue {
  beta: number;
  /** The run's last logged value; null when the run never logged the metric. */
  value: number | null;
}

export interface BetaAggregate {
  beta: number;
  /** Mean over the runs at this β with a finite final value; null when none has one. */
  mean: number | null;
  /** Standard error of that mean (sample standard deviation / √n); null below two finite values. */
  stdError: number | null;
  /** The finite final values behind the mean. */
  values: number[];
  /** Runs whose final value is NaN or ±Inf: reported, never averaged in or dropped silently. */
  nonFinite: number;
  /** Runs at this β that never logged the metric. */
  missing: number;
}

/** Final values per β, ascending: mean ± standard error over the seeds that share a β. */
export function aggregateFinalValues({ values }: { values: FinalValue[] }): BetaAggregate[] {
  const byBeta = new Map<number, FinalValue[]>();
  for (const v of values) byBeta.set(v.beta, [...(byBeta.get(v.beta) ?? []), v]);
  return [...byBeta.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([beta, entries]) => {
      const finite = entries.flatMap((e) => (e.value !== null && Number.isFinite(e.value) ? [e.value] : []));
      const n = finite.length;
      const mean = n ? finite.reduce((s, v) => s + v, 0) / n : null;
      const variance = n >= 2 ? finite.reduce((s, v) => s + (v - mean!) ** 2, 0) / (n - 1) : null;
      return {
        beta,
        mean,
        stdError: variance === null ? null : Math.sqrt(variance / n),
        values: finite,
        nonFinite: entries.filter((e) => e.value !== null && !Number.isFinite(e.value)).length,
        missing: entries.filter((e) => e.value === null).length,
      };
    });
}

/** "β_l × 5 at β_w = 0.1": what a sweep varies and what it holds. */
export function describeSweep(sweep: Pick<Sweep, "parameter" | "values" | "fixed">) {
  const fixed = BETA_PARAMETERS.flatMap((p) => (sweep.fixed[p] === undefined ? [] : [`${BETA_LABELS[p]} = ${formatValue(sweep.fixed[p])}`]));
  return `${parameterLabel(sweep.parameter)} × ${sweep.values.length}${fixed.length ? ` at ${fixed.join(", ")}` : ""}`;
}
