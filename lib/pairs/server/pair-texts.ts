import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";
import type { PairTextsInput } from "../contract";

export type PairTexts = { prompt: string; chosen: string; rejected: string };

/** The content address of a pair's texts: SHA-256 of the three as a JSON array, so no other split of the same characters collides. */
function hashPairTexts({ prompt, chosen, rejected }: PairTexts): string {
  return createHash("sha256")
    .update(JSON.stringify([prompt, chosen, rejected]))
    .digest("hex");
}

/**
 * Stores each pair's texts once (shared with every run that sends the same three) and links the run's pair_id to
 * them, in one transaction. Re-sending a pair changes nothing; other texts for a pair_id move the run's link.
 * An existing text is locked, not updated (`do update … where false` locks the row and writes nothing), until the
 * transaction ends: a run purge removing texts no run links any longer (purge-pair-texts.ts) skips it meanwhile.
 */
export async function storePairTexts({ db, runId, pairs }: { db: Db; runId: string; pairs: PairTextsInput[] }): Promise<{ stored: number }> {
  // A later pair in the request replaces an earlier one with the same id, as a later request would.
  const byId = new Map(pairs.map((p) => [p.pair_id, p]));
  const rows = [...byId.values()].map((p) => ({ pair_id: p.pair_id, hash: hashPairTexts(p), prompt: p.prompt, chosen: p.chosen, rejected: p.rejected }));
  if (rows.length === 0) return { stored: 0 };
  const recordset = JSON.stringify(rows);
  const added = await db.transaction(async (tx) => {
    const [inserted] = await queryRows<{ n: number }>(
      tx as unknown as Db,
      sql`with i as (
        insert into pair_texts (hash, prompt, chosen, rejected)
        select distinct on (hash) hash, prompt, chosen, rejected
        from jsonb_to_recordset(${recordset}::jsonb) as t(pair_id text, hash text, prompt text, chosen text, rejected text)
        order by hash
        on conflict (hash) do update set hash = excluded.hash where false
        returning 1)
      select count(*)::int as n from i`,
    );
    await tx.execute(sql`
      insert into run_pairs (run_id, pair_id, text_hash)
      select ${runId}, pair_id, hash from jsonb_to_recordset(${recordset}::jsonb) as t(pair_id text, hash text)
      on conflict (run_id, pair_id) do update set text_hash = excluded.text_hash
      where run_pairs.text_hash is distinct from excluded.text_hash`);
    return Number(inserted?.n ?? 0);
  });
  await refreshTextStatistics(db, added);
  return { stored: pairs.length };
}

/**
 * The text search's plan needs statistics on pair_texts: without them the planner scans every text (118 ms for
 * 10,000) rather than use the trigram indexes (1.5 ms). PGlite never analyzes by itself and a server's autovacuum
 * comes a minute or so later, so a batch that grows the table by autovacuum's own measure (50 rows + 10%) analyzes
 * it at once; SKIP_LOCKED passes when an analyze or vacuum already holds the table.
 */
async function refreshTextStatistics(db: Db, added: number): Promise<void> {
  if (added === 0) return;
  const [table] = await queryRows<{ tuples: number }>(db, sql`select greatest(reltuples, 0)::float8 as tuples from pg_class where oid = 'pair_texts'::regclass`);
  if (added >= 50 + 0.1 * Number(table?.tuples ?? 0)) await db.execute(sql`analyze (skip_locked) pair_texts`);
}

/** The texts a run links to these pair ids (ids without texts are absent from the map). */
export async function readPairTexts({ db, runId, pairIds }: { db: Db; runId: string; pairIds: string[] }): Promise<Map<string, PairTexts>> {
  if (pairIds.length === 0) return new Map();
  const rows = await queryRows<{ pair_id: Uint8Array | string; prompt: Uint8Array | string; chosen: Uint8Array | string; rejected: Uint8Array | string }>(
    db,
    sql`select ${asTextBytes(sql`rp.pair_id`)} as pair_id, ${asTextBytes(sql`t.prompt`)} as prompt, ${asTextBytes(sql`t.chosen`)} as chosen,
          ${asTextBytes(sql`t.rejected`)} as rejected
        from run_pairs rp join pair_texts t on t.hash = rp.text_hash
        where rp.run_id = ${runId} and rp.pair_id in (select jsonb_array_elements_text(${JSON.stringify(pairIds)}::jsonb))`,
  );
  return new Map(rows.map((r) => [fromTextBytes(r.pair_id), { prompt: fromTextBytes(r.prompt), chosen: fromTextBytes(r.chosen), rejected: fromTextBytes(r.rejected) }]));
}
