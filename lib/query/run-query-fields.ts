// Which fields a query can name: the catalog the autocomplete shows, and the resolver that turns a dotted path
// (`config.model.name`, metric.`eval.acc`.last) into a field.
import {
  FLAG_PROPERTIES,
  FLAG_SEVERITIES,
  HEALTH_VALUES,
  METRIC_AGGREGATES,
  isFlagProperty,
  type CompareOp,
  type MetricAggregate,
  type RunColumnName,
  type RunQueryField,
} from "./run-query-ast";
import { RunQueryError } from "./run-query-error";

export interface RunQueryFieldInfo {
  /** What the user types; a trailing `.` means a key or metric name follows. */
  key: string;
  description: string;
  ops: readonly CompareOp[];
  /** Values worth suggesting, where the set is closed. */
  values?: readonly string[];
  example: string;
}

const TEXT_OPS: readonly CompareOp[] = ["=", "!=", "~", "!~"];
const ORDERED_OPS: readonly CompareOp[] = ["=", "!=", "<", "<=", ">", ">="];
const SEVERITY_VALUES = [...FLAG_SEVERITIES, "none"];

/** @public For autocomplete (lib/query/README.md); the parser reads the same list. */
export const RUN_QUERY_FIELDS: readonly RunQueryFieldInfo[] = [
  { key: "name", description: "Run name", ops: TEXT_OPS, example: 'name ~ "seed"' },
  { key: "group", description: "Run group", ops: TEXT_OPS, example: "group = sweep-3" },
  { key: "algorithm", description: "Training algorithm", ops: TEXT_OPS, example: "algorithm = dpo" },
  { key: "status", description: "Run status", ops: TEXT_OPS, values: ["running", "finished", "failed"], example: "status != finished" },
  {
    key: "health",
    description: "A running run's health: live, stale (no data or heartbeat for a while) or crashed; null when not running",
    ops: ["=", "!="],
    values: HEALTH_VALUES,
    example: "health = stale",
  },
  { key: "tag", description: "One of the run's tags", ops: TEXT_OPS, example: "tag = baseline" },
  {
    key: "flag",
    description: "A diagnostic flag (any severity), or the run's highest severity",
    ops: ORDERED_OPS,
    values: [...FLAG_PROPERTIES, ...SEVERITY_VALUES],
    example: "flag = dispersion",
  },
  {
    key: "flag.",
    description: "One property's flag, by severity (flag.dispersion >= warning), or flag.severity",
    ops: ORDERED_OPS,
    values: SEVERITY_VALUES,
    example: "flag.degradation >= warning",
  },
  { key: "created", description: "Creation time (a date means that whole UTC day)", ops: ORDERED_OPS, example: "created >= 2024-05-01" },
  { key: "id", description: "Run id (~ for a prefix or fragment)", ops: TEXT_OPS, example: "id ~ 3f2a" },
  { key: "config.", description: "A config value; dots reach into nested objects", ops: [...ORDERED_OPS, "~", "!~"], example: "config.beta < 0.1" },
  {
    key: "metric.",
    description: "A metric's first, last, min or max value (metric.<name>.<aggregate>)",
    ops: ORDERED_OPS,
    values: [...METRIC_AGGREGATES],
    example: "metric.loss.last < 0.3",
  },
  { key: "has:", description: "The field has a value: a config key, metric, tag or flag", ops: [], example: "has:config.alpha" },
];

const COLUMNS: Record<string, RunColumnName> = { name: "name", group: "group", algorithm: "algorithm", status: "status", id: "id" };

/** One segment of a field path; `offset` is where it starts, for errors. */
export interface PathSegment {
  text: string;
  quoted: boolean;
  offset: number;
}

/** A field from its path segments; `requireAggregate` is false only under `has:`, where `metric.loss` is enough. */
export function resolveRunQueryField(segments: readonly PathSegment[], requireAggregate: boolean): RunQueryField {
  const [head, ...rest] = segments;
  if (!head) throw new Error("resolveRunQueryField needs a segment");
  const root = head.quoted ? head.text : head.text.toLowerCase();
  const column = COLUMNS[root];
  const plain = (field: RunQueryField): RunQueryField => {
    if (rest[0]) throw new RunQueryError(`${root} has no sub-fields`, rest[0].offset);
    return field;
  };
  if (column) return plain({ kind: "column", column });
  if (root === "created") return plain({ kind: "created" });
  if (root === "health") return plain({ kind: "health" });
  if (root === "tag" || root === "tags") return plain({ kind: "tags" });
  if (root === "flag" || root === "flags") return resolveFlag(rest);
  if (root === "config") {
    if (rest.length === 0) throw new RunQueryError('Expected a key after "config."', head.offset + head.text.length);
    return { kind: "config", path: rest.map((s) => s.text) };
  }
  if (root === "metric" || root === "metrics") return resolveMetric(rest, requireAggregate, head);
  throw new RunQueryError(`Unknown field "${head.text}" (try name, group, algorithm, status, health, tag, flag, created, id, config.<key> or metric.<name>.last)`, head.offset);
}

function resolveFlag(rest: readonly PathSegment[]): RunQueryField {
  const [sub, extra] = rest;
  if (!sub) return { kind: "flags" };
  if (extra) throw new RunQueryError(`flag.${sub.text} has no sub-fields`, extra.offset);
  const word = sub.text.toLowerCase();
  if (word === "severity") return { kind: "flag_severity" };
  if (isFlagProperty(word)) return { kind: "flag_property", property: word };
  throw new RunQueryError(`Unknown flag "${sub.text}" (expected ${FLAG_PROPERTIES.join(", ")} or severity)`, sub.offset);
}

// Metric names hold `/` and sometimes dots: everything between `metric.` and the final aggregate is the name,
// so `metric.eval.acc.last` and metric.`eval.acc`.last both mean the series "eval.acc".
function resolveMetric(rest: readonly PathSegment[], requireAggregate: boolean, head: PathSegment): RunQueryField {
  const last = rest.at(-1);
  if (!last) throw new RunQueryError('Expected a metric name after "metric."', head.offset + head.text.length);
  const aggregate = last.text.toLowerCase() as MetricAggregate;
  if (rest.length >= 2 && !last.quoted && METRIC_AGGREGATES.includes(aggregate)) {
    return {
      kind: "metric",
      name: rest
        .slice(0, -1)
        .map((s) => s.text)
        .join("."),
      aggregate,
    };
  }
  if (requireAggregate) {
    throw new RunQueryError(`Expected .first, .last, .min or .max after metric.${rest.map((s) => s.text).join(".")}`, last.offset + last.text.length);
  }
  return { kind: "metric", name: rest.map((s) => s.text).join("."), aggregate: null };
}

/** The field as a user would type it back, quoting segments that would not survive re-parsing. */
export function formatRunQueryField(field: RunQueryField): string {
  switch (field.kind) {
    case "column":
      return field.column;
    case "created":
      return "created";
    case "health":
      return "health";
    case "tags":
      return "tag";
    case "flags":
      return "flag";
    case "flag_severity":
      return "flag.severity";
    case "flag_property":
      return `flag.${field.property}`;
    case "config":
      return ["config", ...field.path.map(formatSegment)].join(".");
    case "metric":
      return ["metric", formatSegment(field.name), ...(field.aggregate ? [field.aggregate] : [])].join(".");
  }
}

function formatSegment(segment: string): string {
  return /^[A-Za-z0-9_/\-+*@#$%^&|?]+$/.test(segment) ? segment : `\`${segment.replace(/[`\\]/g, "\\$&")}\``;
}
