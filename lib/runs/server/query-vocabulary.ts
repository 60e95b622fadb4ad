import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows } from "@/lib/core/db";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";
import type { ProjectVocabulary } from "@/lib/query/query-hints";

/** Every config key, metric name and algorithm the project's runs hold (for hints on a filter that matches nothing). */
export async function projectVocabulary({ projectId }: { projectId: number }): Promise<ProjectVocabulary> {
  const db = await getDb();
  const live = sql`select id from runs where project_id = ${projectId} and deleting_at is null`;
  const keys = await queryRows<{ key: string }>(
    db,
    sql`select distinct k.key from runs r, jsonb_object_keys(r.config) k(key) where r.id in (${live}) and jsonb_typeof(r.config) = 'object' order by 1`,
  );
  const names = await queryRows<{ name: Uint8Array | string }>(db, sql`select distinct ${asTextBytes(sql.raw("name"))} as name from metric_keys where run_id in (${live})`);
  const algorithms = await queryRows<{ algorithm: string }>(db, sql`select distinct algorithm from runs where id in (${live}) and algorithm is not null order by 1`);
  return { configKeys: keys.map((r) => r.key), metricNames: names.map((r) => fromTextBytes(r.name)), algorithms: algorithms.map((r) => r.algorithm) };
}
