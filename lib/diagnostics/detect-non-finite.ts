// Non-finite values: a NaN or ±Infinity in the loss, the log-probs or the implicit rewards means the run broke
// numerically (an overflow in the logits, a log of 0, a division by a vanished normaliser). It is stored as
// data and flagged critical at once: no window, no threshold, since no amount of it is noise, and every step
// after it trains on garbage.

import { getNonFiniteWatchNames } from "./metric-aliases";
import type { DiagnosticFlag, NonFiniteTally, RunInput, SequenceRow } from "./types";

/** Per-pair log-prob columns: a non-finite one is a broken forward pass of the policy or the reference. */
const SEQUENCE_COLUMNS = ["logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected"] as const satisfies readonly (keyof SequenceRow)[];

function tally(values: Iterable<{ step: number; value: number }>): NonFiniteTally | null {
  let first = Infinity;
  let count = 0;
  for (const { step, value } of values) {
    if (Number.isFinite(value)) continue;
    count += 1;
    first = Math.min(first, step);
  }
  return count > 0 ? { first_step: first, count } : null;
}

/** Each watched series and sequence column with a non-finite value, by name (`sequences/<column>` for rows). */
export function tallyNonFinite(run: RunInput, split: string): Map<string, NonFiniteTally> {
  const found = new Map<string, NonFiniteTally>();
  for (const name of new Set(getNonFiniteWatchNames(split))) {
    const counted = run.nonFinite?.[name] ?? (run.metrics[name] ? tally(run.metrics[name]) : null);
    if (counted && counted.count > 0) found.set(name, counted);
  }
  const rows = run.sequences.filter((row) => row.split === split);
  for (const column of SEQUENCE_COLUMNS) {
    const counted = tally(rows.map((row) => ({ step: row.step, value: row[column] })));
    if (counted) found.set(`sequences/${column}`, counted);
  }
  return found;
}

export function detectNonFinite(run: RunInput, split: string): DiagnosticFlag | null {
  const found = [...tallyNonFinite(run, split)].sort(([a, x], [b, y]) => x.first_step - y.first_step || a.localeCompare(b));
  if (found.length === 0) return null;
  const [firstKey, first] = found[0]!;
  return {
    property: "non_finite",
    severity: "critical",
    first_step: first.first_step,
    evidence: {
      // Points, not steps: a step with NaN in both the loss and a log-prob counts twice.
      count: found.reduce((sum, [, t]) => sum + t.count, 0),
      keys: found.map(([name]) => name).join(", "),
      first_key: firstKey,
    },
  };
}
