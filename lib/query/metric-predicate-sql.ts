// Conditions on a metric's summary (`metric.loss.last < 0.3`), read from metric_keys so the runs table never
// scans the metrics themselves. first/last may be NaN or ±Infinity (min/max are over finite values only).
// Postgres sorts NaN above every number, so `last > 1` would match a diverged run: NaN is excluded from every
// ordering and matched only by `= NaN`. Infinity is a number and orders as one.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { metricKeys } from "../core/db/schema";
import type { MetricAggregate, RunQueryValue } from "./run-query-ast";
import { sqlOperator, type PositiveOp } from "./sql-helpers";

const COLUMNS = {
  first: metricKeys.firstValue,
  last: metricKeys.lastValue,
  min: metricKeys.minValue,
  max: metricKeys.maxValue,
} satisfies Record<MetricAggregate, AnyPgColumn>;

/** Whether the run has the series (with `condition` on its summary row); metric names match exactly. */
function hasSeries(runId: AnyPgColumn, name: string, condition?: SQL): SQL {
  const extra = condition ? sql` and ${condition}` : sql``;
  return sql`exists (select 1 from ${metricKeys} where ${metricKeys.runId} = ${runId} and ${metricKeys.name} = ${name}${extra})`;
}

/** `has:metric.loss` (any rows) or `has:metric.loss.last` (that aggregate has a value). */
export function metricPresentSql(runId: AnyPgColumn, name: string, aggregate: MetricAggregate | null): SQL {
  return aggregate ? hasSeries(runId, name, sql`${COLUMNS[aggregate]} is not null`) : hasSeries(runId, name);
}

export function metricCompareSql(runId: AnyPgColumn, name: string, aggregate: MetricAggregate, op: PositiveOp, value: RunQueryValue): SQL {
  const column = COLUMNS[aggregate];
  if (value.type === "null") return sql`not ${metricPresentSql(runId, name, aggregate)}`;
  if (value.type !== "number" || op === "~") throw new Error("metric terms compare numbers; the parser checks this");
  if (Number.isNaN(value.value)) return hasSeries(runId, name, sql`${column} = 'NaN'::float8`);
  return hasSeries(runId, name, sql`nullif(${column}, 'NaN'::float8) ${sqlOperator(op)} ${String(value.value)}::float8`);
}
