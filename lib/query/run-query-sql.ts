// A parsed runs-table query as a drizzle `where` fragment over `runs`. Semantics that hold everywhere:
//  - every term is true or false, never null, so `NOT t` (and `!=`, `!~`) match exactly the runs `t` misses:
//    `algorithm != dpo` includes runs with no algorithm; add `has:algorithm` to exclude them;
//  - `=`, `~` and IN on text are case-insensitive; metric names and config keys are matched exactly;
//  - config: see config-predicate-sql.ts (numbers also match numeric strings; NaN only matches `= NaN`);
//  - metrics: see metric-predicate-sql.ts (NaN never satisfies <, >; Infinity does).
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { runs } from "../core/db/schema";
import { runHealthCase } from "../runs/health-sql";
import { configCompareSql, configPresentSql } from "./config-predicate-sql";
import { metricCompareSql, metricPresentSql } from "./metric-predicate-sql";
import { FLAG_SEVERITIES, isFlagProperty, severityRank, type CompareOp, type RunQueryField, type RunQueryNode, type RunQueryValue } from "./run-query-ast";
import { parseRunQueryTime } from "./run-query-dates";
import { compareNumbers, containsPattern, definitely, sqlOperator, type PositiveOp } from "./sql-helpers";

type RunQueryColumn = "id" | "name" | "group" | "algorithm" | "status" | "config" | "tags" | "flags" | "flagLevel" | "createdAt" | "lastSeenAt";

/** The `runs` columns a query reads: `runs` itself, or an alias of it (`alias(runs, "r")`) the caller joins. */
export type RunQueryTable = Record<RunQueryColumn, AnyPgColumn>;

export function runQueryToSql(node: RunQueryNode, table: RunQueryTable = runs): SQL {
  switch (node.kind) {
    case "and":
    case "or":
      return sql`(${sql.join(
        node.children.map((child) => runQueryToSql(child, table)),
        sql.raw(` ${node.kind} `),
      )})`;
    case "not":
      return sql`(not ${runQueryToSql(node.child, table)})`;
    case "text":
      return sql`(${table.name} ilike ${containsPattern(node.text)})`;
    case "has":
      return sql`(${presentSql(table, node.field)})`;
    case "in":
      return sql`(${sql.join(
        node.values.map((value) => compareSql(table, node.field, "=", value)),
        sql` or `,
      )})`;
    case "compare":
      return sql`(${compareSql(table, node.field, node.op, node.value)})`;
  }
}

function compareSql(t: RunQueryTable, field: RunQueryField, op: CompareOp, value: RunQueryValue): SQL {
  if (op === "!=") return sql`not (${positiveSql(t, field, "=", value)})`;
  if (op === "!~") return sql`not (${positiveSql(t, field, "~", value)})`;
  return positiveSql(t, field, op, value);
}

function positiveSql(t: RunQueryTable, field: RunQueryField, op: PositiveOp, value: RunQueryValue): SQL {
  switch (field.kind) {
    case "column": {
      const column = field.column === "id" ? sql`${t.id}::text` : sql`${t[field.column]}`;
      if (value.type === "null") return sql`${column} is null`;
      if (op === "~") return definitely(sql`${column} ilike ${containsPattern(value.text)}`);
      return definitely(sql`lower(${column}) = lower(${value.text})`);
    }
    case "tags": {
      if (value.type === "null") return sql`cardinality(${t.tags}) = 0`;
      const match = op === "~" ? sql`tag.v ilike ${containsPattern(value.text)}` : sql`lower(tag.v) = lower(${value.text})`;
      return sql`exists (select 1 from unnest(${t.tags}) as tag(v) where ${match})`;
    }
    case "created":
      return createdSql(t.createdAt, op, value);
    case "health":
      if (value.type === "null") return sql`${healthOf(t)} is null`;
      return definitely(sql`${healthOf(t)} = lower(${value.text})`);
    case "flags":
      if (value.type === "null") return sql`${t.flags} = '[]'::jsonb`;
      if (isFlagProperty(value.text.toLowerCase())) return hasFlag(t.flags, value.text.toLowerCase());
      return severitySql(t.flagLevel, op, value);
    case "flag_severity":
      return severitySql(t.flagLevel, op, value);
    case "flag_property":
      return flagPropertySql(t.flags, field.property, op, value);
    case "config":
      return configCompareSql(t.config, field.path, op, value);
    case "metric":
      if (!field.aggregate) throw new Error("metric comparisons need an aggregate; the parser checks this");
      return metricCompareSql(t.id, field.name, field.aggregate, op, value);
  }
}

function presentSql(t: RunQueryTable, field: RunQueryField): SQL {
  switch (field.kind) {
    case "column":
      return sql`${t[field.column]} is not null`;
    case "created":
      return sql`${t.createdAt} is not null`;
    case "health":
      return sql`${healthOf(t)} is not null`;
    case "tags":
      return sql`cardinality(${t.tags}) > 0`;
    case "flags":
      return sql`${t.flags} <> '[]'::jsonb`;
    case "flag_severity":
      return sql`${t.flagLevel} > 0`;
    case "flag_property":
      return hasFlag(t.flags, field.property);
    case "config":
      return configPresentSql(t.config, field.path);
    case "metric":
      return metricPresentSql(t.id, field.name, field.aggregate);
  }
}

function healthOf(t: RunQueryTable): SQL {
  return runHealthCase(sql`${t.status}`, sql`${t.lastSeenAt}`);
}

/** Containment, so a GIN index on `flags` can serve it should the table grow one. */
function hasFlag(flags: AnyPgColumn, property: string, severity?: string): SQL {
  return sql`${flags} @> ${JSON.stringify([{ property, ...(severity ? { severity } : {}) }])}::jsonb`;
}

/** Against the run's highest severity; `none` is 0, so `flag < warning` includes runs with no flag at all. */
function severitySql(flagLevel: AnyPgColumn, op: PositiveOp, value: RunQueryValue): SQL {
  if (op === "~") throw new Error("severities do not support ~; the parser checks this");
  return sql`${flagLevel} ${sqlOperator(op)} ${severityRank(value.text)}`;
}

/**
 * One property's level is its flag's severity, or none (0) without one, so `flag.dispersion < warning` includes
 * runs without a dispersion flag, the same reading `flag < warning` has for the run's highest severity.
 */
function flagPropertySql(flags: AnyPgColumn, property: string, op: PositiveOp, value: RunQueryValue): SQL {
  if (value.type === "null") return sql`not (${hasFlag(flags, property)})`;
  const rank = severityRank(value.text);
  if (op === "~" || rank === null) throw new Error("flag levels compare with severities; the parser checks this");
  const levels = [0, 1, 2, 3].filter((level) => compareNumbers(op, level, rank));
  if (levels.length === 0) return sql`false`;
  const parts = levels.map((level) => (level === 0 ? sql`not (${hasFlag(flags, property)})` : hasFlag(flags, property, FLAG_SEVERITIES[level - 1])));
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** A whole-day value is a half-open range [day, next day); an instant compares as itself. */
function createdSql(createdAt: AnyPgColumn, op: PositiveOp, value: RunQueryValue): SQL {
  const span = parseRunQueryTime(value.text);
  if (!span || op === "~") throw new Error("created compares with dates; the parser checks this");
  const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
  if (!span.to) return sql`${createdAt} ${sqlOperator(op)} ${at(span.from)}`;
  switch (op) {
    case "=":
      return sql`(${createdAt} >= ${at(span.from)} and ${createdAt} < ${at(span.to)})`;
    case "<":
      return sql`${createdAt} < ${at(span.from)}`;
    case "<=":
      return sql`${createdAt} < ${at(span.to)}`;
    case ">":
      return sql`${createdAt} >= ${at(span.to)}`;
    case ">=":
      return sql`${createdAt} >= ${at(span.from)}`;
  }
}
