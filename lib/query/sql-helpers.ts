// Small SQL pieces the run-query builders share. Every user value goes in as a bound parameter; only the
// comparison operators are raw, and those come from a fixed table.
import { sql, type SQL } from "drizzle-orm";
import type { CompareOp } from "./run-query-ast";

type OrderedOp = Exclude<CompareOp, "!=" | "~" | "!~">;

const OPERATORS: Record<OrderedOp, SQL> = {
  "=": sql.raw("="),
  "<": sql.raw("<"),
  "<=": sql.raw("<="),
  ">": sql.raw(">"),
  ">=": sql.raw(">="),
};

export type PositiveOp = OrderedOp | "~";

export function sqlOperator(op: OrderedOp): SQL {
  return OPERATORS[op];
}

/** ILIKE pattern for "contains", with the user's `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, "\\$&")}%`;
}

/** Null (an absent key, a null column) becomes false, so NOT of a term is exactly the runs the term misses. */
export function definitely(predicate: SQL): SQL {
  return sql`coalesce(${predicate}, false)`;
}

export function compareNumbers(op: OrderedOp, left: number, right: number): boolean {
  switch (op) {
    case "=":
      return left === right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
  }
}
