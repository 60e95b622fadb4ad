/**
 * The metrics a preference-optimisation researcher reads first, in the order they read them: the rejected
 * log-prob among the first (its drastic drop is what this tool is about), ahead of the implicit rewards.
 */
const PREFERRED = ["loss", "rewards/accuracies", "rewards/margins", "logps/rejected", "logps/chosen", "rewards/chosen", "rewards/rejected", "eval_loss", "eval/pref_accuracy"];

/** Summary columns for the runs table: the preferred names that were logged, else the most common ones. */
export function defaultSummaryKeys(logged: string[], max = 6): string[] {
  const available = new Set(logged);
  const preferred = PREFERRED.filter((k) => available.has(k));
  const rest = logged.filter((k) => !preferred.includes(k));
  return [...preferred, ...rest].slice(0, max);
}
