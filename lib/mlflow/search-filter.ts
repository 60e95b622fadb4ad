import type { MlflowRun } from "./contract";
import { MlflowError } from "./errors";

/*
 * The part of MLflow's search syntax (https://mlflow.org/docs/latest/search-runs.html) that scripts use to find
 * runs: clauses joined by AND, each `<entity>.<name> <op> <value>`. Entities: metrics (latest value, numeric ops),
 * params and tags (string ops), attributes (run_name, status, run_id, user_id: string ops; start_time, end_time:
 * numeric). A bare name is an attribute. Names with other characters are quoted with backticks or double quotes.
 * Anything else (OR, parentheses, datasets) is refused with INVALID_PARAMETER_VALUE naming what was not understood.
 */

type Entity = "metrics" | "params" | "tags" | "attributes";
type Op = "=" | "!=" | "<" | "<=" | ">" | ">=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";
export type Clause = { entity: Entity; name: string; op: Op; value: string | number | string[] };

const ENTITY_ALIASES: Record<string, Entity> = {
  metric: "metrics",
  metrics: "metrics",
  param: "params",
  params: "params",
  parameter: "params",
  parameters: "params",
  tag: "tags",
  tags: "tags",
  attribute: "attributes",
  attributes: "attributes",
  attr: "attributes",
  run: "attributes",
};
const STRING_ATTRIBUTES = ["run_name", "status", "run_id", "user_id", "artifact_uri", "lifecycle_stage"];
const NUMBER_ATTRIBUTES = ["start_time", "end_time"];
const TOKEN = /\s*(?:(`[^`]*`)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])|(!=|<=|>=|=|<|>)|([(),])|([A-Za-z_][\w./:-]*))/y;

type Token = { kind: "quoted" | "string" | "number" | "op" | "punct" | "word"; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(filter);
    if (!m) throw bad(`cannot read the filter at "${filter.slice(at, at + 20)}"`);
    const kinds = ["quoted", "string", "number", "op", "punct", "word"] as const;
    const i = kinds.findIndex((_, k) => m[k + 1] !== undefined);
    tokens.push({ kind: kinds[i]!, text: m[i + 1]! });
  }
  return tokens;
}

const bad = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", `Invalid filter: ${message}`);
const unquote = (s: string) => s.slice(1, -1).replace(/\\(.)/g, "$1");

/** Parses a filter string into its AND-ed clauses (an empty filter has none). */
export function parseRunFilter(filter: string | undefined): Clause[] {
  const tokens = tokenize(filter ?? "");
  const clauses: Clause[] = [];
  let i = 0;
  const next = () => tokens[i++];
  while (i < tokens.length) {
    if (clauses.length > 0) {
      const and = next();
      if (and?.kind !== "word" || and.text.toUpperCase() !== "AND") throw bad(`expected AND, got "${and?.text}" (only AND joins clauses)`);
    }
    const first = next();
    if (!first || (first.kind !== "word" && first.kind !== "quoted" && first.kind !== "string")) throw bad(`expected a name, got "${first?.text ?? "the end"}"`);
    let entity: Entity = "attributes";
    let name: string;
    if (first.kind === "word" && first.text.includes(".")) {
      const dot = first.text.indexOf(".");
      const alias = ENTITY_ALIASES[first.text.slice(0, dot).toLowerCase()];
      if (!alias) throw bad(`unknown entity "${first.text.slice(0, dot)}" (metrics, params, tags, attributes)`);
      entity = alias;
      name = first.text.slice(dot + 1);
      if (name === "") {
        const quoted = next();
        if (!quoted || (quoted.kind !== "quoted" && quoted.kind !== "string")) throw bad(`expected a name after "${first.text}"`);
        name = unquote(quoted.text);
      }
    } else name = first.kind === "word" ? first.text : unquote(first.text);
    if (entity === "attributes") {
      name = name === "name" || name === "run_name" ? "run_name" : name;
      if (![...STRING_ATTRIBUTES, ...NUMBER_ATTRIBUTES].includes(name)) throw bad(`unknown attribute "${name}"`);
    }
    clauses.push({ entity, name, ...readComparison(entity, name, next, () => tokens[i]) });
  }
  return clauses;
}

function readComparison(entity: Entity, name: string, next: () => Token | undefined, peek: () => Token | undefined): Pick<Clause, "op" | "value"> {
  const opToken = next();
  let op: Op;
  if (opToken?.kind === "op") op = opToken.text as Op;
  else if (opToken?.kind === "word" && ["LIKE", "ILIKE", "IN"].includes(opToken.text.toUpperCase())) op = opToken.text.toUpperCase() as Op;
  else if (opToken?.kind === "word" && opToken.text.toUpperCase() === "NOT" && peek()?.text.toUpperCase() === "IN") {
    next();
    op = "NOT IN";
  } else throw bad(`expected a comparison after "${name}", got "${opToken?.text ?? "the end"}"`);
  const numeric = entity === "metrics" || NUMBER_ATTRIBUTES.includes(name);
  if (op === "IN" || op === "NOT IN") {
    if (numeric) throw bad(`${op} takes strings, not ${entity}.${name}`);
    if (next()?.text !== "(") throw bad(`expected "(" after ${op}`);
    const values: string[] = [];
    for (;;) {
      const value = next();
      if (value?.kind !== "string") throw bad(`expected a quoted string in the ${op} list`);
      values.push(unquote(value.text));
      const sep = next();
      if (sep?.text === ")") break;
      if (sep?.text !== ",") throw bad(`expected "," or ")" in the ${op} list`);
    }
    return { op, value: values };
  }
  const value = next();
  if (numeric) {
    if (value?.kind !== "number") throw bad(`${entity}.${name} compares with a number, got "${value?.text ?? "the end"}"`);
    if (op === "LIKE" || op === "ILIKE") throw bad(`${op} takes strings, not ${entity}.${name}`);
    return { op, value: Number(value.text) };
  }
  if (value?.kind !== "string") throw bad(`${entity}.${name} compares with a quoted string, got "${value?.text ?? "the end"}"`);
  if (["<", "<=", ">", ">="].includes(op)) throw bad(`${op} compares numbers, not ${entity}.${name}`);
  return { op, value: unquote(value.text) };
}

function likeRegex(pattern: string, flags: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/%/g, ".*")
    .replace(/_/g, ".");
  return new RegExp(`^${body}$`, `s${flags}`);
}

/** SQL LIKE (`%`, `_`) as a test on text; ILIKE ignores case. */
export function likeMatcher(pattern: string, ignoreCase: boolean): (text: string) => boolean {
  const regex = likeRegex(pattern, ignoreCase ? "i" : "");
  return (text) => regex.test(text);
}

function compare(actual: string | number | undefined, op: Op, expected: Clause["value"]): boolean {
  if (actual === undefined) return false;
  switch (op) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "<":
      return (actual as number) < (expected as number);
    case "<=":
      return (actual as number) <= (expected as number);
    case ">":
      return (actual as number) > (expected as number);
    case ">=":
      return (actual as number) >= (expected as number);
    case "LIKE":
      return likeRegex(expected as string, "").test(String(actual));
    case "ILIKE":
      return likeRegex(expected as string, "i").test(String(actual));
    case "IN":
      return (expected as string[]).includes(String(actual));
    case "NOT IN":
      return !(expected as string[]).includes(String(actual));
  }
}

/** The run's value a clause looks at: a metric's latest value, a param or tag, or an attribute. */
function valueOf(run: MlflowRun, clause: Clause): string | number | undefined {
  if (clause.entity === "metrics") return run.data.metrics.find((m) => m.key === clause.name)?.value;
  if (clause.entity === "params") return run.data.params.find((p) => p.key === clause.name)?.value;
  if (clause.entity === "tags") return run.data.tags.find((t) => t.key === clause.name)?.value;
  return (run.info as Record<string, string | number | undefined>)[clause.name];
}

export function matchesFilter(run: MlflowRun, clauses: Clause[]): boolean {
  return clauses.every((clause) => compare(valueOf(run, clause), clause.op, clause.value));
}

/** Sorts by MLflow `order_by` terms (`metrics.loss DESC`, `attributes.start_time`), then newest first, as MLflow does. */
export function sortRuns(runs: MlflowRun[], orderBy: string[]): MlflowRun[] {
  const terms = orderBy.map((term) => {
    const m = /^\s*(.+?)(?:\s+(ASC|DESC))?\s*$/i.exec(term);
    const [clause] = parseRunFilter(`${m?.[1] ?? ""} = 0`.replace(/= 0$/, isNumeric(m?.[1] ?? "") ? "= 0" : "= ''"));
    return { clause: clause!, desc: m?.[2]?.toUpperCase() === "DESC" };
  });
  const key = (run: MlflowRun, clause: Clause) => valueOf(run, clause);
  return [...runs].sort((a, b) => {
    for (const { clause, desc } of terms) {
      const x = key(a, clause);
      const y = key(b, clause);
      if (x === y) continue;
      // Runs without the value go last either way, as in MLflow.
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return b.info.start_time - a.info.start_time || (a.info.run_id < b.info.run_id ? 1 : -1);
  });
}

function isNumeric(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return /^metrics?\./.test(lower) || NUMBER_ATTRIBUTES.some((a) => lower === a || lower.endsWith(`.${a}`));
}
