import { getOwn } from "@/lib/core/view/own-keys";

/**
 * Runs × metrics → a results table as the paper prints them (Tables 1–3, 10): one row per run or per group of
 * runs (seeds), one column per metric at a chosen step (first, last, or its best), mean ± std over the group.
 */

export type ColumnStat = "first" | "last" | "min" | "max";
/** Which way is better for a column; "none" marks no best cell (a "before" column has no winner). */
export type Direction = "higher" | "lower" | "none";

export interface TableColumn {
  key: string;
  stat: ColumnStat;
  better: Direction;
  /** Header text; defaults to "<key> (<stat>)". */
  label?: string;
}

/** The per-series summary the runs API returns (`metrics.<key>`); NaN and ±Infinity arrive as numbers here. */
export interface SeriesSummary {
  first: number | null;
  last: number | null;
  min: number | null;
  max: number | null;
}

export interface PivotRunInput {
  id: string;
  name: string;
  group: string | null;
  algorithm: string | null;
  config: Record<string, unknown>;
  metrics: Record<string, SeriesSummary>;
}

/** `run` (no grouping), `group` (the run's group), `algorithm`, or `config.<path>`. */
export type GroupKey = string;

export interface NonFiniteCounts {
  nan: number;
  posInf: number;
  negInf: number;
}

export interface PivotCell {
  /** Mean and sample std (n − 1) over the finite values; null when there are none (std also when only one). */
  mean: number | null;
  std: number | null;
  /** Runs in the row that have a value for this column, finite or not. */
  n: number;
  /** Values left out of the mean but shown, so a diverged seed is never averaged away silently. */
  nonFinite: NonFiniteCounts;
  best: boolean;
}

export interface PivotRow {
  key: string;
  label: string;
  runs: { id: string; name: string }[];
  cells: PivotCell[];
}

export interface PivotTable {
  groupBy: GroupKey;
  /** The first column's header: what a row is. */
  rowHeader: string;
  columns: (TableColumn & { label: string })[];
  rows: PivotRow[];
}

const STAT_LABEL: Record<ColumnStat, string> = { first: "first", last: "last", min: "min", max: "max" };

export function columnLabel(column: TableColumn): string {
  return column.label ?? `${column.key} (${STAT_LABEL[column.stat]})`;
}

/** A config value by key: the literal key first (keys may hold dots), then as a dotted path into nested objects. */
export function readConfigPath(config: Record<string, unknown>, path: string): unknown {
  if (path in config) return config[path];
  let node: unknown = config;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function groupValue(run: PivotRunInput, groupBy: GroupKey): string {
  if (groupBy === "run") return run.name;
  if (groupBy === "group") return run.group ?? "—";
  if (groupBy === "algorithm") return run.algorithm ?? "—";
  if (groupBy.startsWith("config.")) {
    const value = readConfigPath(run.config, groupBy.slice("config.".length));
    if (value === undefined || value === null) return "—";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return "—";
}

export function rowHeaderOf(groupBy: GroupKey): string {
  if (groupBy.startsWith("config.")) return groupBy.slice("config.".length);
  return groupBy;
}

/** Mean and sample standard deviation of finite values; non-finite ones are counted apart. */
export function summariseValues(values: number[]): Omit<PivotCell, "best"> {
  const finite = values.filter(Number.isFinite);
  const nonFinite: NonFiniteCounts = {
    nan: values.filter(Number.isNaN).length,
    posInf: values.filter((v) => v === Number.POSITIVE_INFINITY).length,
    negInf: values.filter((v) => v === Number.NEGATIVE_INFINITY).length,
  };
  if (finite.length === 0) return { mean: null, std: null, n: values.length, nonFinite };
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const std = finite.length < 2 ? null : Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (finite.length - 1));
  return { mean, std, n: values.length, nonFinite };
}

function valueOf(run: PivotRunInput, column: TableColumn): number | null {
  const summary = getOwn(run.metrics, column.key);
  const value = summary?.[column.stat];
  return typeof value === "number" ? value : null;
}

/** Rows sort by their label, numbers as numbers ("2" before "10"), the missing-value dash last. */
function compareLabels(a: string, b: string): number {
  if (a === "—" || b === "—") return a === b ? 0 : a === "—" ? 1 : -1;
  return a.localeCompare(b, undefined, { numeric: true });
}

/** Marks, per column, every row whose mean ties the best one in the column's direction (unless all rows tie). */
function markBest(rows: PivotRow[], columns: TableColumn[]): void {
  columns.forEach((column, c) => {
    if (column.better === "none") return;
    const means = rows.map((r) => r.cells[c]!.mean).filter((m): m is number => m !== null);
    if (means.length < 2) return;
    const best = column.better === "higher" ? Math.max(...means) : Math.min(...means);
    // When every row ties there is no winner; bold on every row would only read as noise.
    if (means.every((m) => m === best)) return;
    for (const row of rows) row.cells[c]!.best = row.cells[c]!.mean === best;
  });
}

export function pivotTable({ runs, groupBy, columns }: { runs: PivotRunInput[]; groupBy: GroupKey; columns: TableColumn[] }): PivotTable {
  const groups = new Map<string, PivotRunInput[]>();
  for (const run of runs) {
    // Grouping by run keeps two runs with one name apart.
    const key = groupBy === "run" ? run.id : groupValue(run, groupBy);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const rows: PivotRow[] = [...groups.entries()].map(([key, members]) => ({
    key,
    label: groupValue(members[0]!, groupBy),
    runs: members.map((r) => ({ id: r.id, name: r.name })),
    cells: columns.map((column) => {
      const values = members.map((r) => valueOf(r, column)).filter((v): v is number => v !== null);
      return { ...summariseValues(values), best: false };
    }),
  }));
  rows.sort((a, b) => compareLabels(a.label, b.label));
  markBest(rows, columns);
  return { groupBy, rowHeader: rowHeaderOf(groupBy), columns: columns.map((c) => ({ ...c, label: columnLabel(c) })), rows };
}
