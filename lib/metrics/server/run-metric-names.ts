import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";

/**
 * The metric names any of the given runs logged, in the order they were first logged (key ids grow with each
 * new name), so a table built from them keeps the columns in the order the source wrote them — for the paper's
 * reference runs, the paper's column order.
 */
export async function listRunMetricNames({ db, runIds }: { db: Db; runIds: string[] }): Promise<string[]> {
  if (runIds.length === 0) return [];
  const rows = await queryRows<{ name: Uint8Array | string }>(
    db,
    sql`select ${asTextBytes(sql.raw("name"))} as name from metric_keys where run_id = any(${textArrayLiteral(runIds)}::uuid[])
        group by metric_keys.name order by min(id), metric_keys.name`,
  );
  return rows.map((r) => fromTextBytes(r.name));
}
