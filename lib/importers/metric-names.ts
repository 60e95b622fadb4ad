// Trainers name the same DPO quantities differently. Importers keep every name exactly as logged (what the
// user sees in their own tools, and lossless if this table is wrong or grows); the diagnostics look metrics up
// by TRL's names through `canonicalMetricName`, so one table here serves every reader.

export type MetricOrigin = "openrlhf" | "dpo-reference";

export interface MetricAlias {
  alias: string;
  canonical: string;
  origin: MetricOrigin;
}

// OpenRLHF's DPO trainer logs `train/<name>` and `eval/<name>`.
const OPENRLHF: readonly [string, string][] = [
  ["chosen_reward", "rewards/chosen"],
  ["reject_reward", "rewards/rejected"],
  ["acc", "rewards/accuracies"],
  ["lr", "learning_rate"],
];

// The reference DPO implementation (eric-mitchell/direct-preference-optimization) puts the split after the group.
const DPO_REFERENCE: readonly [string, string][] = [
  ["rewards_{split}/chosen", "rewards/chosen"],
  ["rewards_{split}/rejected", "rewards/rejected"],
  ["rewards_{split}/accuracies", "rewards/accuracies"],
  ["rewards_{split}/margins", "rewards/margins"],
  ["logps_{split}/chosen", "logps/chosen"],
  ["logps_{split}/rejected", "logps/rejected"],
  ["loss/{split}", "loss"],
];

/** Every explicit alias; TRL itself prefixes eval metrics with `eval_`. */
export const METRIC_ALIASES: readonly MetricAlias[] = [
  ...OPENRLHF.flatMap(([name, canonical]): MetricAlias[] => [
    { alias: `train/${name}`, canonical, origin: "openrlhf" },
    { alias: `eval/${name}`, canonical: `eval_${canonical}`, origin: "openrlhf" },
  ]),
  ...DPO_REFERENCE.flatMap(([pattern, canonical]): MetricAlias[] => [
    { alias: pattern.replace("{split}", "train"), canonical, origin: "dpo-reference" },
    { alias: pattern.replace("{split}", "eval"), canonical: `eval_${canonical}`, origin: "dpo-reference" },
  ]),
];

const BY_ALIAS = new Map(METRIC_ALIASES.map((a) => [a.alias, a.canonical]));

/**
 * TRL's name for a logged metric. Past the explicit aliases, two prefix rules cover transformers'
 * TensorBoard callback (which logs `loss` as `train/loss` and `eval_loss` as `eval/loss`) and OpenRLHF's
 * other names (`train/grad_norm`, `eval/loss`). Names already canonical, or unknown, come back unchanged.
 */
export function canonicalMetricName(name: string): string {
  const alias = BY_ALIAS.get(name);
  if (alias !== undefined) return alias;
  if (name.startsWith("train/")) return name.slice("train/".length);
  if (name.startsWith("eval/")) return `eval_${name.slice("eval/".length)}`;
  return name;
}

/**
 * For a run's logged names: canonical name → the logged name to read. A name logged under its canonical
 * spelling beats an alias of it, so a run that logs both reads the canonical series.
 */
export function metricNamesByCanonical(names: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) {
    const canonical = canonicalMetricName(name);
    if (canonical === name || !out.has(canonical)) out.set(canonical, name);
  }
  return out;
}
