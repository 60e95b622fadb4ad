import { getOwn } from "@/lib/core/view/own-keys";
import { decodeNumber } from "@/lib/core/validation/wire-numbers";

/** Runs-table columns as ids that fit in a URL: `name`, `config.beta`, `metric.rewards/accuracies.last`, … */
export const BASE_COLUMNS = ["name", "algorithm", "status", "flags", "tags", "group", "created"] as const;
export const METRIC_AGGREGATES = ["first", "last", "min", "max"] as const;
export type MetricAggregate = (typeof METRIC_AGGREGATES)[number];

export type ColumnId = string;

/**
 * The diagnostics a run keeps from its last flag computation that make sense as columns (`diag.drop_ratio`), with
 * a header that says what each is and its unit.
 */
export const DIAGNOSTIC_COLUMNS = {
  drop_ratio: "Drop ratio (×)",
  rejected_log_ratio: "Rejected log-ratio (nats)",
  chosen_log_ratio: "Chosen log-ratio (nats)",
  log_g: "log G (nats)",
  leaked_mass_median: "Leaked mass, median (nats)",
  share_both_down: "Both down (share)",
} as const;
export type DiagnosticColumn = keyof typeof DIAGNOSTIC_COLUMNS;

export type ParsedColumn =
  | { kind: "base"; field: (typeof BASE_COLUMNS)[number] }
  | { kind: "config"; key: string }
  | { kind: "metric"; name: string; aggregate: MetricAggregate }
  | { kind: "diagnostic"; name: DiagnosticColumn };

export function parseColumn(id: ColumnId): ParsedColumn | null {
  if ((BASE_COLUMNS as readonly string[]).includes(id)) return { kind: "base", field: id as (typeof BASE_COLUMNS)[number] };
  if (id.startsWith("config.") && id.length > 7) return { kind: "config", key: id.slice(7) };
  if (id.startsWith("diag.") && Object.hasOwn(DIAGNOSTIC_COLUMNS, id.slice(5))) return { kind: "diagnostic", name: id.slice(5) as DiagnosticColumn };
  if (id.startsWith("metric.")) {
    const dot = id.lastIndexOf(".");
    const aggregate = id.slice(dot + 1) as MetricAggregate;
    const name = id.slice(7, dot);
    if (dot > 7 && name && METRIC_AGGREGATES.includes(aggregate)) return { kind: "metric", name, aggregate };
  }
  return null;
}

export function columnLabel(id: ColumnId): string {
  const c = parseColumn(id);
  if (!c) return id;
  if (c.kind === "base") return c.field[0]!.toUpperCase() + c.field.slice(1);
  // Prefixed, so a config "steps" does not read as the logged steps; every metric says its statistic.
  if (c.kind === "config") return `config.${c.key}`;
  if (c.kind === "diagnostic") return DIAGNOSTIC_COLUMNS[c.name];
  return `${c.name} (${c.aggregate})`;
}

/** The summary metrics the chosen columns need from the server. */
export function metricKeysOf(columns: ColumnId[]): string[] {
  return [
    ...new Set(
      columns.flatMap((id) => {
        const c = parseColumn(id);
        return c?.kind === "metric" ? [c.name] : [];
      }),
    ),
  ];
}

/** Columns from the URL (`cols=a,b`; commas inside names are not supported), else the defaults. */
export function columnsFromParam(param: string | null | undefined, defaults: ColumnId[]): ColumnId[] {
  if (!param) return defaults;
  const parsed = param.split(",").filter((id) => parseColumn(id) !== null);
  return parsed.length ? parsed : defaults;
}

export function defaultColumns(configKeys: string[], summaryKeys: string[]): ColumnId[] {
  return ["name", "algorithm", "status", "flags", "tags", ...configKeys.map((k) => `config.${k}`), ...summaryKeys.map((k) => `metric.${k}.last`), "created"];
}

export interface RunLike {
  name: string;
  algorithm: string | null;
  status: string;
  group: string | null;
  tags: string[];
  created_at: string;
  config: Record<string, unknown>;
  flags: readonly unknown[];
  metrics: Record<string, Partial<Record<MetricAggregate, number | null>>>;
  /** The diagnostics' latest values (see DIAGNOSTIC_COLUMNS); non-finite ones as the wire's strings. */
  diagnostics?: Record<string, number | string>;
}

const RANK: Record<string, number> = { info: 1, warning: 2, critical: 3 };

/** The value a column sorts and groups by. */
export function columnValue(run: RunLike, id: ColumnId): unknown {
  const c = parseColumn(id);
  if (!c) return undefined;
  // Own keys only: a run without a "constructor" metric or config key has none, not Object's.
  if (c.kind === "config") return getOwn(run.config, c.key);
  if (c.kind === "metric") return getOwn(run.metrics, c.name)?.[c.aggregate] ?? null;
  if (c.kind === "diagnostic") return decodeNumber(run.diagnostics ? getOwn(run.diagnostics, c.name) : undefined);
  switch (c.field) {
    case "flags":
      return run.flags.length ? Math.max(...run.flags.map((f) => RANK[(f as { severity?: string }).severity ?? ""] ?? 0)) + run.flags.length / 10 : null;
    case "tags":
      return run.tags.join(",");
    case "created":
      return run.created_at;
    default:
      return run[c.field];
  }
}

export interface RunGroup<T> {
  /** The group's values joined by " · " (one per grouping column). */
  key: string;
  /** "config.scenario = 2, algorithm = dpo". */
  label: string;
  runs: T[];
}

/** Runs grouped by a column's value, groups in order of first appearance (so they follow the sort). */
export function groupRuns<T extends RunLike>(runs: readonly T[], by: ColumnId | readonly ColumnId[]): RunGroup<T>[] {
  const columns = typeof by === "string" ? [by] : by;
  const groups = new Map<string, { values: string[]; runs: T[] }>();
  for (const run of runs) {
    const values = columns.map((id) => {
      const value = columnValue(run, id);
      return value === null || value === undefined || value === "" ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value);
    });
    const key = values.join(" · ");
    const group = groups.get(key) ?? { values, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups].map(([key, { values, runs: members }]) => ({ key, label: columns.map((id, i) => `${id} = ${values[i]}`).join(", "), runs: members }));
}
