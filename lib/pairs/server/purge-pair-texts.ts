import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";

/**
 * Deletes up to `limit` of a run's pair links (all of them when null) and, in the same transaction, the texts that
 * no run links any longer; returns how many links went. A crash between the two cannot leave an unreachable text.
 *
 * Texts are shared, so an ingest may be linking a text this purge is about to remove. storePairTexts locks every
 * text it links (its insert's ON CONFLICT DO UPDATE locks the existing row) until it commits, so here:
 * - a text such an ingest holds is skipped (SKIP LOCKED): it is about to be linked again;
 * - the texts locked here are checked for links by a later statement, which sees every ingest committed before the
 *   lock was taken; an ingest arriving later waits for this transaction, and if the text is gone by then its
 *   insert finds no conflict and stores the text again.
 * A text skipped because an ingest that then rolled back held it stays behind unlinked (rare, and harmless).
 */
export async function deleteRunPairLinks(db: Db, runId: string, limit: number | null): Promise<number> {
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Db;
    const where = limit === null ? sql`run_id = ${runId}` : sql`run_id = ${runId} and ctid = any(array(select ctid from run_pairs where run_id = ${runId} limit ${limit}))`;
    const [deleted] = await queryRows<{ n: number; hashes: string }>(
      txDb,
      sql`with d as (delete from run_pairs where ${where} returning text_hash)
          select count(*)::int as n, coalesce(jsonb_agg(distinct text_hash), '[]'::jsonb)::text as hashes from d`,
    );
    const n = Number(deleted?.n ?? 0);
    if (n === 0) return 0;
    // Texts another run still links are left out before locking: fewer locks for ingests to wait on.
    const [locked] = await queryRows<{ hashes: string }>(
      txDb,
      sql`select coalesce(jsonb_agg(hash), '[]'::jsonb)::text as hashes from (
            select hash from pair_texts t where hash in (select jsonb_array_elements_text(${deleted!.hashes}::jsonb))
              and not exists (select 1 from run_pairs r where r.text_hash = t.hash)
            order by hash for update skip locked) l`,
    );
    await txDb.execute(
      sql`delete from pair_texts t where hash in (select jsonb_array_elements_text(${locked?.hashes ?? "[]"}::jsonb))
          and not exists (select 1 from run_pairs r where r.text_hash = t.hash)`,
    );
    return n;
  });
}
