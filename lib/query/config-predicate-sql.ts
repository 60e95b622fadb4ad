// Conditions on one config value (`config.model.name`, `config.beta`). Config comes from many tools: YAML and
// argparse often leave numbers as strings ("1e-3"), so a number in the query also matches a string holding a
// number. Values compare as `numeric`, not float8: a JSON number like 1e999 is valid jsonb but would make a
// float8 cast fail the whole query. NaN matches no ordering (it would sort above every number), only `= NaN`.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { textArrayLiteral } from "../core/db/pg-arrays";
import type { RunQueryValue } from "./run-query-ast";
import { containsPattern, definitely, sqlOperator, type PositiveOp } from "./sql-helpers";

// What Postgres' numeric input accepts, bounded so a stored "1e999999" cannot overflow it. A constant of ours
// (no quotes in it), written inline so the planner sees a literal pattern.
const NUMERIC_TEXT = sql.raw("'^[[:space:]]*([-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)(e[-+]?[0-9]{1,4})?|[-+]?inf(inity)?|nan)[[:space:]]*$'");

interface ConfigValue {
  /** The jsonb value at the path, SQL null when absent. */
  node: SQL;
  /** Its text form (`#>>`): strings unquoted, numbers and booleans as written. */
  text: SQL;
}

function at(config: AnyPgColumn, path: readonly string[]): ConfigValue {
  const keys = textArrayLiteral(path);
  return { node: sql`(${config} #> ${keys}::text[])`, text: sql`(${config} #>> ${keys}::text[])` };
}

/** The value as numeric when it is a JSON number or a string that reads as one; otherwise null. */
function numericOf({ node, text }: ConfigValue): SQL {
  // CASE, not AND: Postgres may evaluate AND's sides in any order, and the cast must never see "abc".
  return sql`(case jsonb_typeof(${node}) when 'number' then ${node}::numeric
    when 'string' then case when ${text} ~* ${NUMERIC_TEXT} then ${text}::numeric end end)`;
}

/** A key holding JSON null counts as absent, so `has:` and `= null` never disagree. */
export function configPresentSql(config: AnyPgColumn, path: readonly string[]): SQL {
  return sql`coalesce(jsonb_typeof(${at(config, path).node}), 'null') <> 'null'`;
}

export function configCompareSql(config: AnyPgColumn, path: readonly string[], op: PositiveOp, value: RunQueryValue): SQL {
  const target = at(config, path);
  if (value.type === "null") return sql`not (${configPresentSql(config, path)})`;
  // Scalars compare as text for `~` and for quoted or bare-word strings; `config.seed = "42"` matches 42 too.
  const scalar = sql`jsonb_typeof(${target.node}) in ('string', 'number', 'boolean')`;
  if (op === "~") return definitely(sql`${scalar} and ${target.text} ilike ${containsPattern(value.text)}`);
  if (value.type === "boolean") {
    return definitely(sql`jsonb_typeof(${target.node}) in ('boolean', 'string') and lower(${target.text}) = ${String(value.value)}`);
  }
  if (value.type === "number") {
    const number = numericOf(target);
    if (Number.isNaN(value.value)) return definitely(sql`${number} = 'NaN'::numeric`);
    return definitely(sql`nullif(${number}, 'NaN'::numeric) ${sqlOperator(op)} ${String(value.value)}::numeric`);
  }
  if (op === "=") return definitely(sql`${scalar} and lower(${target.text}) = lower(${value.text})`);
  // Ordering text only makes sense between strings (dates, versions); "C" keeps it byte order on every server.
  return definitely(sql`jsonb_typeof(${target.node}) = 'string' and lower(${target.text}) collate "C" ${sqlOperator(op)} lower(${value.text}) collate "C"`);
}
