import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";

/**
 * Claims a client's batch id inside the write's transaction. Returns the count accepted the first time when the
 * batch was applied already (the caller then writes nothing), or null when this is the first time.
 */
export async function claimBatch(db: Db, runId: string, batchId: string | undefined, kind: string, accepted: number) {
  if (batchId === undefined) return null;
  const claimed = await queryRows<{ batch_id: string }>(
    db,
    sql`insert into ingest_batches (run_id, batch_id, kind, accepted) values (${runId}, ${batchId}, ${kind}, ${accepted})
        on conflict (run_id, batch_id) do nothing returning batch_id`,
  );
  if (claimed.length > 0) return null;
  const [previous] = await queryRows<{ accepted: number }>(db, sql`select accepted from ingest_batches where run_id = ${runId} and batch_id = ${batchId}`);
  return previous?.accepted ?? 0;
}
