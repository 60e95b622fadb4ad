import type { ImportedRow } from "./types";

function laterTime(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/**
 * `values[name] = value`, except that a metric named `__proto__` (any upload may hold one) becomes an own
 * value rather than an attempt to set the object's prototype, which plain assignment and Object.assign make.
 */
export function setValue(values: Record<string, number>, name: string, value: number): void {
  if (name !== "__proto__") values[name] = value;
  else Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
}

function assignValues(target: Record<string, number>, source: Record<string, number>): void {
  for (const name of Object.keys(source)) setValue(target, name, source[name]!);
}

/** Folds `source` into `target`: source's values win per name, the later time is kept. */
export function mergeRowInto(target: ImportedRow, source: ImportedRow): void {
  assignValues(target.values, source.values);
  const time = laterTime(target.time, source.time);
  if (time !== undefined) target.time = time;
}

/** One row per step, ascending; later rows win per (step, name). */
export function mergeRowsByStep(rows: Iterable<ImportedRow>): ImportedRow[] {
  const byStep = new Map<number, ImportedRow>();
  for (const row of rows) {
    const seen = byStep.get(row.step);
    if (seen) {
      mergeRowInto(seen, row);
    } else {
      // A copy: merging later rows into it must not change the caller's row.
      const copy: ImportedRow = { step: row.step, values: { ...row.values } };
      if (row.time !== undefined) copy.time = row.time;
      byStep.set(row.step, copy);
    }
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/**
 * Builds rows from values arriving in input order, merging neighbours that share a step. Only the row being
 * filled is held, so memory stays flat however long the input; a step that comes back later (an eval logged
 * after more train steps) starts a new row, and consumers merge it by step.
 */
export class StepGrouper {
  private current: ImportedRow | undefined;
  private done: ImportedRow[] = [];

  private rowFor(step: number, time: number | undefined): ImportedRow {
    let row = this.current;
    if (row === undefined || row.step !== step) {
      if (row !== undefined) this.done.push(row);
      row = { step, values: {} };
      this.current = row;
    }
    const t = laterTime(row.time, time);
    if (t !== undefined) row.time = t;
    return row;
  }

  add(step: number, name: string, value: number, time?: number): void {
    setValue(this.rowFor(step, time).values, name, value);
  }

  addValues(step: number, values: Record<string, number>, time?: number): void {
    assignValues(this.rowFor(step, time).values, values);
  }

  /** Rows that can no longer change. */
  take(): ImportedRow[] {
    const out = this.done;
    this.done = [];
    return out;
  }

  /** Everything, the row being filled included; call at end of input. */
  finish(): ImportedRow[] {
    if (this.current !== undefined) this.done.push(this.current);
    this.current = undefined;
    return this.take();
  }
}
