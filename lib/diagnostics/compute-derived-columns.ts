// Columns computed from other columns, the same way for both sources (per-pair rows or batch means):
// changes from the first logged step, and the drop ratio.
//
// The drop ratio is defined on the step means of c = pw - rw and r = pl - rl, not on raw log-probs and not
// pair by pair. Raw log-probs mix in which prompts a batch happened to draw (a long answer has a low pw
// whatever the model learned); c and r subtract the reference on the same pair, so batches of different
// pairs stay comparable. A mean of per-pair ratios would be ruled by the pairs whose chosen barely moved
// (denominator ≈ 0); the ratio of mean changes is what the paper's tables and plots compare.

import { createColumn, type SeriesKey, type StepTable } from "./series-names";

/** Value at the first finite point: the run's baseline for "change since the start". */
export function findBaseline(column: Float64Array): number {
  for (const value of column) if (Number.isFinite(value)) return value;
  return Number.NaN;
}

function subtractBaseline(column: Float64Array): Float64Array {
  const baseline = findBaseline(column);
  return column.map((value) => value - baseline);
}

/**
 * The chosen and rejected "movement" columns the drop ratio and the flags read: mean log-ratios when the
 * run has them (sequences, or rewards/* with a known β), else mean log-probs as a stand-in.
 */
export function selectShiftColumns(table: StepTable): { chosen?: Float64Array; rejected?: Float64Array; basis: "log_ratio" | "logp" } {
  const { chosenLogRatio, rejectedLogRatio, logpChosen, logpRejected } = table.columns;
  if (chosenLogRatio && rejectedLogRatio) return { chosen: chosenLogRatio, rejected: rejectedLogRatio, basis: "log_ratio" };
  return { chosen: logpChosen, rejected: logpRejected, basis: "logp" };
}

export function addDerivedColumns(table: StepTable, epsilon: number): void {
  const { columns } = table;
  const changes: [SeriesKey, SeriesKey][] = [
    ["logpChosen", "logpChosenChange"],
    ["logpRejected", "logpRejectedChange"],
    ["logpChosenPerToken", "logpChosenPerTokenChange"],
    ["logpRejectedPerToken", "logpRejectedPerTokenChange"],
  ];
  for (const [source, target] of changes) {
    const column = columns[source];
    if (column) columns[target] = subtractBaseline(column);
  }

  const shift = selectShiftColumns(table);
  if (!shift.chosen || !shift.rejected) return;
  const dc = subtractBaseline(shift.chosen);
  const dr = subtractBaseline(shift.rejected);
  const ratio = createColumn(table.steps.length);
  for (let i = 0; i < ratio.length; i += 1) ratio[i] = Math.abs(dr[i]!) / Math.max(Math.abs(dc[i]!), epsilon);
  columns.dropRatio = ratio;
}
