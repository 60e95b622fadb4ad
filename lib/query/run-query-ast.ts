// The parsed form of a runs-table query. The parser has already checked every field, operator and value against
// each other, so the SQL builder and the describer can trust a node without re-validating it.
import type { FlagProperty, FlagSeverity } from "../diagnostics/types";

export { FLAG_PROPERTIES, isFlagProperty } from "../diagnostics/types";
/** In rank order: `runs.flag_level` stores the index + 1 (0 = no flag). */
export const FLAG_SEVERITIES: readonly FlagSeverity[] = ["info", "warning", "critical"];
export const METRIC_AGGREGATES = ["first", "last", "min", "max"] as const;
export type MetricAggregate = (typeof METRIC_AGGREGATES)[number];

/** What `health` compares with (lib/runs/contract's RUN_HEALTHS; repeated here to keep lib/query free of the runs domain). */
export const HEALTH_VALUES = ["live", "stale", "crashed"] as const;

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "!~";
export const ORDER_OPS: readonly CompareOp[] = ["<", "<=", ">", ">="];

/** Every value keeps `text`, what the user typed (unquoted), so text fields compare against exactly that. */
export type RunQueryValue =
  | { type: "number"; value: number; text: string }
  | { type: "string"; text: string; quoted: boolean }
  | { type: "boolean"; value: boolean; text: string }
  | { type: "null"; text: string };

export type RunColumnName = "name" | "group" | "algorithm" | "status" | "id";

export type RunQueryField =
  | { kind: "column"; column: RunColumnName }
  | { kind: "created" }
  /** `health`: live, stale or crashed while running; null for a run that is not running. */
  | { kind: "health" }
  | { kind: "tags" }
  /** `flag`: compared with a property (has it, any severity) or a severity (the run's highest). */
  | { kind: "flags" }
  /** `flag.severity`: the run's highest severity only. */
  | { kind: "flag_severity" }
  /** `flag.dispersion`: that property's flag, compared by its severity. */
  | { kind: "flag_property"; property: FlagProperty }
  | { kind: "config"; path: string[] }
  /** `aggregate` is null only under `has:` (the series exists at all). */
  | { kind: "metric"; name: string; aggregate: MetricAggregate | null };

export type RunQueryNode =
  | { kind: "and"; children: RunQueryNode[] }
  | { kind: "or"; children: RunQueryNode[] }
  | { kind: "not"; child: RunQueryNode }
  | { kind: "compare"; field: RunQueryField; op: CompareOp; value: RunQueryValue; offset: number }
  | { kind: "in"; field: RunQueryField; values: RunQueryValue[]; offset: number }
  | { kind: "has"; field: RunQueryField; offset: number }
  /** Free text: the run's name contains it (case-insensitive). */
  | { kind: "text"; text: string; offset: number };

/** A severity's rank as `runs.flag_level` stores it (`none` is 0), or null for a word that is not one. */
export function severityRank(text: string): number | null {
  const word = text.toLowerCase();
  if (word === "none") return 0;
  const index = FLAG_SEVERITIES.indexOf(word as FlagSeverity);
  return index < 0 ? null : index + 1;
}
