// Whether an operator and a value make sense for a field, checked while parsing so every mistake comes back
// with the offset of the operator or value at fault rather than as a database error.
import { FLAG_PROPERTIES, HEALTH_VALUES, ORDER_OPS, isFlagProperty, severityRank, type CompareOp, type RunQueryField, type RunQueryValue } from "./run-query-ast";
import { parseRunQueryTime } from "./run-query-dates";
import { RunQueryError } from "./run-query-error";
import { formatRunQueryField } from "./run-query-fields";

export interface TermOffsets {
  op: number;
  value: number;
}

const EQUALITY: readonly CompareOp[] = ["=", "!="];
const TEXT: readonly CompareOp[] = ["=", "!=", "~", "!~"];
const ORDERED: readonly CompareOp[] = [...EQUALITY, ...ORDER_OPS];

export function checkRunQueryComparison(field: RunQueryField, op: CompareOp, value: RunQueryValue, at: TermOffsets): void {
  const name = formatRunQueryField(field);
  const allow = (ops: readonly CompareOp[]) => {
    if (!ops.includes(op)) throw new RunQueryError(`"${op}" does not apply to ${name}; use ${list(ops)}`, at.op);
  };
  const reject = (why: string): never => {
    throw new RunQueryError(why, at.value);
  };
  if (value.type === "null") {
    if (field.kind === "created" || field.kind === "flag_severity") reject(`${name} always has a value; null does not apply`);
    return allow(EQUALITY);
  }
  switch (field.kind) {
    case "column":
    case "tags":
      return allow(TEXT);
    case "health":
      allow(EQUALITY);
      if (!(HEALTH_VALUES as readonly string[]).includes(value.text.toLowerCase())) reject(`Expected live, stale, crashed or null, got "${value.text}"`);
      return;
    case "created":
      allow(ORDERED);
      if (!parseRunQueryTime(value.text)) reject(`Expected a date like 2024-05-01 or 2024-05-01T12:00Z, got "${value.text}"`);
      return;
    case "flags":
      if (isFlagProperty(value.text.toLowerCase())) return allow(EQUALITY);
      if (severityRank(value.text) === null) {
        reject(`Unknown flag "${value.text}"; expected ${FLAG_PROPERTIES.join(", ")} or a severity (info, warning, critical, none)`);
      }
      return allow(ORDERED);
    case "flag_severity":
    case "flag_property":
      allow(ORDERED);
      if (severityRank(value.text) === null) reject(`Expected a severity (info, warning, critical, none), got "${value.text}"`);
      return;
    case "config":
      if (value.type === "boolean") return allow(EQUALITY);
      return allow([...ORDERED, "~", "!~"]);
    case "metric":
      allow(ORDERED);
      if (value.type !== "number") reject(`${name} compares with numbers, got "${value.text}"`);
      if (value.type === "number" && Number.isNaN(value.value) && !EQUALITY.includes(op)) reject("NaN only compares with = or !=");
      return;
  }
}

function list(ops: readonly CompareOp[]): string {
  return ops.length === 1 ? ops[0]! : `${ops.slice(0, -1).join(" ")} or ${ops.at(-1)}`;
}
