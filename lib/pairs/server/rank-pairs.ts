import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { asTextBytes, fromTextBytes } from "@/lib/core/db/text-bytes";
import { resolveLossParams } from "@/lib/diagnostics";
import type { PairQuadrant, PairSort, RankPairsQuery } from "../contract";
import { dChosenSql, dRejectedSql, gradRatioSql, leakedSql, marginSql } from "./pair-measures";
import { readPairTexts, type PairTexts } from "./pair-texts";

type RunLoss = { id: string; algorithm: string | null; config: Record<string, unknown> };
type Measured = {
  pair_id: Uint8Array | string;
  logp_chosen: number;
  logp_rejected: number;
  ref_logp_chosen: number;
  ref_logp_rejected: number;
  d_chosen: number;
  d_rejected: number;
  leaked: number;
  margin: number;
  grad_ratio: number;
};

const finite = (x: SQL) => sql`(${x} not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8))`;
const up = (x: SQL) => sql`(${finite(x)} and ${x} >= 0)`;
const down = (x: SQL) => sql`(${finite(x)} and ${x} < 0)`;

const QUADRANTS: Record<PairQuadrant, SQL> = {
  both_down: sql`${down(sql`d_chosen`)} and ${down(sql`d_rejected`)}`,
  chosen_up_rejected_down: sql`${up(sql`d_chosen`)} and ${down(sql`d_rejected`)}`,
  both_up: sql`${up(sql`d_chosen`)} and ${up(sql`d_rejected`)}`,
  chosen_down_rejected_up: sql`${down(sql`d_chosen`)} and ${up(sql`d_rejected`)}`,
};

/** The split's logged steps, ascending: one primary-key probe per step (a loose index scan), not a scan of every row. */
export async function readPairSteps(db: Db, runId: string, split: string): Promise<number[]> {
  const rows = await queryRows<{ step: number | string }>(
    db,
    sql`with recursive st(step) as (
          select min(step) from sequences where run_id = ${runId} and split = ${split}
          union all
          select (select min(step) from sequences where run_id = ${runId} and split = ${split} and step > st.step) from st where st.step is not null)
        select step::float8 as step from st where step is not null`,
  );
  return rows.map((r) => Number(r.step));
}

/** A page of the pairs at one step ranked by a measure (NaN last either way, then by pair id), with the page's texts. */
export async function rankPairs({ db, run, query }: { db: Db; run: RunLoss; query: RankPairsQuery }) {
  const steps = await readPairSteps(db, run.id, query.split);
  const step = query.step ?? steps.at(-1) ?? null;
  const head = { step, split: query.split, steps, sort: query.sort, order: query.order };
  if (step === null) return { ...head, total: 0, rows: [] };
  const measures: Record<PairSort, SQL> = {
    d_chosen: dChosenSql,
    d_rejected: dRejectedSql,
    leaked: leakedSql,
    margin: marginSql,
    grad_ratio: gradRatioSql(resolveLossParams(run.algorithm, run.config)),
  };
  const search = query.q ? await searchSql(db, run.id, query.q) : sql``;
  const sortColumn = sql.identifier(query.sort);
  const rows = await queryRows<Measured>(
    db,
    sql`with m as (
          select s.pair_id, s.logp_chosen, s.logp_rejected, s.ref_logp_chosen, s.ref_logp_rejected,
            ${measures.d_chosen} as d_chosen, ${measures.d_rejected} as d_rejected, ${measures.leaked} as leaked,
            ${measures.margin} as margin, ${measures.grad_ratio} as grad_ratio
          from sequences s where s.run_id = ${run.id} and s.split = ${query.split} and s.step = ${step} ${search})
        select ${asTextBytes(sql`pair_id`)} as pair_id, logp_chosen, logp_rejected, ref_logp_chosen, ref_logp_rejected, d_chosen, d_rejected, leaked,
          margin, grad_ratio
        from m ${query.quadrant ? sql`where ${QUADRANTS[query.quadrant]}` : sql``}
        order by ${sortColumn} = 'NaN'::float8, ${sortColumn} ${sql.raw(query.order)}, pair_id collate "C"
        limit ${query.limit} offset ${query.offset}`,
  );
  // Counted apart: a window count over the page's query would make Postgres sort every pair, not keep the top N.
  const total = await countPairs(db, run.id, query, step, search);
  const ids = rows.map((r) => fromTextBytes(r.pair_id));
  const texts = await readPairTexts({ db, runId: run.id, pairIds: ids });
  return {
    ...head,
    total,
    rows: rows.map((r, i) => ({
      pair_id: ids[i]!,
      logp_chosen: r.logp_chosen,
      logp_rejected: r.logp_rejected,
      ref_logp_chosen: r.ref_logp_chosen,
      ref_logp_rejected: r.ref_logp_rejected,
      d_chosen: r.d_chosen,
      d_rejected: r.d_rejected,
      leaked: r.leaked,
      margin: r.margin,
      grad_ratio: r.grad_ratio,
      texts: texts.get(ids[i]!) ?? null,
    })),
  };
}

const contains = (column: SQL, q: string) => sql`strpos(lower(${column}), lower(${q})) > 0`;
/**
 * `contains` over a text's column lower-cased when stored (pair_texts' *_lower columns), as a LIKE of the escaped
 * query: the same rows as strpos (LIKE under a deterministic collation matches bytes), and a LIKE can use the
 * trigram indexes migration 0010 makes where pg_trgm is there (else the columns are scanned).
 */
const containsLowered = (loweredColumn: SQL, q: string) =>
  sql`${loweredColumn} like ('%' || replace(replace(replace(lower(${q}), ${"\\"}, ${"\\\\"}), ${"%"}, ${"\\%"}), ${"_"}, ${"\\_"}) || '%')`;

/** The text filter: the run's pairs whose texts hold `q` are found once here, so the page and its count do not each scan every text. */
async function searchSql(db: Db, runId: string, q: string): Promise<SQL> {
  const hits = await queryRows<{ pair_id: Uint8Array | string }>(
    db,
    sql`select ${asTextBytes(sql`rp.pair_id`)} as pair_id from run_pairs rp join pair_texts t on t.hash = rp.text_hash
        where rp.run_id = ${runId}
          and (${containsLowered(sql`t.prompt_lower`, q)} or ${containsLowered(sql`t.chosen_lower`, q)} or ${containsLowered(sql`t.rejected_lower`, q)})`,
  );
  const ids = JSON.stringify(hits.map((h) => fromTextBytes(h.pair_id)));
  return sql`and (${contains(sql`s.pair_id`, q)} or s.pair_id in (select jsonb_array_elements_text(${ids}::jsonb)))`;
}

/** How many pairs at the step pass the filters. */
async function countPairs(db: Db, runId: string, query: RankPairsQuery, step: number, search: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from (select ${dChosenSql} as d_chosen, ${dRejectedSql} as d_rejected from sequences s
          where s.run_id = ${runId} and s.split = ${query.split} and s.step = ${step} ${search}) m
        ${query.quadrant ? sql`where ${QUADRANTS[query.quadrant]}` : sql``}`,
  );
  return Number(row?.n ?? 0);
}

/** A pair's texts and its four log-probs at every logged step of the split (empty, texts null, for a pair the run never logged). */
export async function readPairTrajectory({ db, runId, pairId, split }: { db: Db; runId: string; pairId: string; split: string }) {
  const rows = await queryRows<{ step: number | string; logp_chosen: number; logp_rejected: number; ref_logp_chosen: number; ref_logp_rejected: number }>(
    db,
    sql`select step::float8 as step, logp_chosen, logp_rejected, ref_logp_chosen, ref_logp_rejected from sequences
        where run_id = ${runId} and split = ${split} and pair_id = ${pairId} order by step`,
  );
  const texts: PairTexts | null = (await readPairTexts({ db, runId, pairIds: [pairId] })).get(pairId) ?? null;
  return {
    pair_id: pairId,
    split,
    texts,
    steps: rows.map((r) => Number(r.step)),
    logp_chosen: rows.map((r) => r.logp_chosen),
    logp_rejected: rows.map((r) => r.logp_rejected),
    ref_logp_chosen: rows.map((r) => r.ref_logp_chosen),
    ref_logp_rejected: rows.map((r) => r.ref_logp_rejected),
  };
}
