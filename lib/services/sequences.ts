import "server-only";
import { sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "../db";
import { numberArrayLiteral, textArrayLiteral } from "../db/pg-arrays";
import type { SequenceRowInput } from "../validation/sequences";
import { claimBatch } from "./ingest-batches";
import { flagsTouched } from "./run-diagnostics";
import type { IngestResult } from "./metrics";

const NUMBER_COLUMNS = [
  "logp_chosen",
  "logp_rejected",
  "ref_logp_chosen",
  "ref_logp_rejected",
  "len_chosen",
  "len_rejected",
  "log_grad_chosen",
  "log_grad_rejected",
] as const;

export type SequenceRecord = { step: number; split: string; pair_id: string } & {
  [K in (typeof NUMBER_COLUMNS)[number]]: K extends "logp_chosen" | "logp_rejected" | "ref_logp_chosen" | "ref_logp_rejected"
    ? number
    : number | null;
};

/** One row per (step, split, pair): a later row in the same batch replaces an earlier one. */
function lastWriteWins(rows: SequenceRowInput[]): SequenceRowInput[] {
  const byId = new Map<string, SequenceRowInput>();
  for (const row of rows) byId.set(`${row.step}\u0000${row.split}\u0000${row.pair_id}`, row);
  return byId.size === rows.length ? rows : [...byId.values()];
}

export async function appendSequences({ runId, rows, batchId }: { runId: string; rows: SequenceRowInput[]; batchId?: string }) {
  const db = await getDb();
  const unique = lastWriteWins(rows);
  const numbers = (column: (typeof NUMBER_COLUMNS)[number]) => numberArrayLiteral(unique.map((r) => r[column] ?? null));
  const result = await db.transaction(async (tx): Promise<IngestResult> => {
    const txDb = tx as unknown as Db;
    const previous = await claimBatch(txDb, runId, batchId, "sequences", rows.length);
    if (previous !== null) return { accepted: previous, duplicate: true };
    if (unique.length === 0) return { accepted: 0 };
    await tx.execute(sql`
      insert into sequences (run_id, step, split, pair_id, ${sql.raw(NUMBER_COLUMNS.join(", "))})
      select ${runId}, t.* from unnest(
        ${numberArrayLiteral(unique.map((r) => r.step))}::int8[],
        ${textArrayLiteral(unique.map((r) => r.split))}::text[],
        ${textArrayLiteral(unique.map((r) => r.pair_id))}::text[],
        ${numbers("logp_chosen")}::float8[], ${numbers("logp_rejected")}::float8[],
        ${numbers("ref_logp_chosen")}::float8[], ${numbers("ref_logp_rejected")}::float8[],
        ${numbers("len_chosen")}::int[], ${numbers("len_rejected")}::int[],
        ${numbers("log_grad_chosen")}::float8[], ${numbers("log_grad_rejected")}::float8[]) as t
      on conflict (run_id, step, split, pair_id) do update set
        ${sql.raw(NUMBER_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", "))}`);
    await tx.execute(sql`update runs set updated_at = now() where id = ${runId}`);
    return { accepted: rows.length };
  });
  if (!result.duplicate && rows.length > 0) flagsTouched(runId);
  return result;
}

const SELECT_COLUMNS = sql.raw(`step::float8 as step, split, pair_id, ${NUMBER_COLUMNS.join(", ")}`);

/** Per-pair rows at one step (the latest logged step when none is given). */
export async function readSequences({ runId, step, split }: { runId: string; step?: number; split: string }) {
  const db = await getDb();
  const steps = await queryRows<{ step: number }>(
    db,
    sql`select distinct step::float8 as step from sequences where run_id = ${runId} and split = ${split} order by step`,
  );
  const at = step ?? steps.at(-1)?.step;
  const rows =
    at === undefined
      ? []
      : await queryRows<SequenceRecord>(
          db,
          sql`select ${SELECT_COLUMNS} from sequences where run_id = ${runId} and split = ${split} and step = ${at} order by pair_id`,
        );
  return { step: at ?? null, split, steps: steps.map((s) => Number(s.step)), rows: rows.map((r) => ({ ...r, step: Number(r.step) })) };
}

/** Every pair at every step of a split, in step order (the diagnostics' input). */
export async function readAllSequences({ runId, split = "train" }: { runId: string; split?: string }) {
  const db = await getDb();
  const rows = await queryRows<SequenceRecord>(
    db,
    sql`select ${SELECT_COLUMNS} from sequences where run_id = ${runId} and split = ${split} order by step, pair_id`,
  );
  return rows.map((r) => ({ ...r, step: Number(r.step) }));
}
