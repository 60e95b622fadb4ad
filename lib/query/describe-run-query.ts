// A parsed query in words, for the filter chip above the runs table: "algorithm is dpo and config.beta < 0.1".
import type { CompareOp, RunQueryField, RunQueryNode, RunQueryValue } from "./run-query-ast";
import { isFlagProperty } from "./run-query-ast";
import { formatRunQueryField } from "./run-query-fields";

const VERBS: Record<CompareOp, string> = {
  "=": "is",
  "!=": "is not",
  "<": "<",
  "<=": "≤",
  ">": ">",
  ">=": "≥",
  "~": "contains",
  "!~": "does not contain",
};

/** Whole, unless longer than `maxLength`, where it ends in "…". */
export function describeRunQuery(node: RunQueryNode | null, maxLength = 120): string {
  const text = node ? describeNode(node, false) : "all runs";
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

function describeNode(node: RunQueryNode, nested: boolean): string {
  switch (node.kind) {
    case "and":
    case "or": {
      const text = node.children.map((child) => describeNode(child, true)).join(` ${node.kind} `);
      return nested ? `(${text})` : text;
    }
    case "not":
      return node.child.kind === "in" ? describeIn(node.child.field, node.child.values, true) : `not ${describeNode(node.child, true)}`;
    case "text":
      return `name contains ${quote(node.text)}`;
    case "has":
      return `has ${formatRunQueryField(node.field)}`;
    case "in":
      return describeIn(node.field, node.values, false);
    case "compare":
      return describeCompare(node.field, node.op, node.value);
  }
}

function describeCompare(field: RunQueryField, op: CompareOp, value: RunQueryValue): string {
  const name = formatRunQueryField(field);
  if (value.type === "null") return op === "=" ? `no ${name}` : `has ${name}`;
  if (field.kind === "tags" && (op === "=" || op === "!=")) return `${op === "=" ? "tagged" : "not tagged"} ${show(value)}`;
  if (field.kind === "flags" && isFlagProperty(value.text.toLowerCase())) {
    return `${op === "=" ? "flagged" : "not flagged"} ${value.text.toLowerCase()}`;
  }
  if (field.kind === "flags") return `highest flag ${VERBS[op]} ${value.text.toLowerCase()}`;
  return `${name} ${VERBS[op]} ${show(value)}`;
}

function describeIn(field: RunQueryField, values: RunQueryValue[], negated: boolean): string {
  return `${formatRunQueryField(field)} ${negated ? "not in" : "in"} (${values.map(show).join(", ")})`;
}

/** Keeps quotes the user typed (they mean "compare as text") and adds them where a space would split the value. */
function show(value: RunQueryValue): string {
  if (value.type === "string" && (value.quoted || /\s/.test(value.text))) return quote(value.text);
  return value.text;
}

function quote(text: string): string {
  return `"${text.replace(/["\\]/g, "\\$&")}"`;
}
