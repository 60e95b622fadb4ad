import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "../db";
import { textArrayLiteral } from "../db/pg-arrays";

/**
 * The metric names any of the given runs logged, in the order they were first logged (key ids grow with each
 * new name), so a table built from them keeps the columns in the order the source wrote them — for the paper's
 * reference runs, the paper's column order.
 */
export async function listRunMetricNames({ runIds }: { runIds: string[] }): Promise<string[]> {
  if (runIds.length === 0) return [];
  const db = await getDb();
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select name from metric_keys where run_id = any(${textArrayLiteral(runIds)}::uuid[])
        group by name order by min(id), name`,
  );
  return rows.map((r) => r.name);
}
