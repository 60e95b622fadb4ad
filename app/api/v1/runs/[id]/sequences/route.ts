import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readBatch } from "@/lib/core/http/read-body";
import { fastSequenceBatch } from "@/lib/metrics/fast-batch";
import { requireRunRead, requireRunWrite } from "@/lib/accounts/server/run-access";
import { appendSequences, readSequences } from "@/lib/sequences/server/sequences";
import { flagsTouchedByBatch } from "@/lib/diagnostics/server/run-diagnostics";
import { readSequencesQuerySchema, sequenceBatchSchema } from "@/lib/sequences/contract";

// POST /api/v1/runs/:id/sequences — append per-pair log-probs, all or nothing
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunWrite(request, (await params).id);
  const body = await readBatch(request);
  // The hand-written check takes the common shapes; zod takes the rest and words any error.
  const batch = fastSequenceBatch(body) ?? parseOrThrow(sequenceBatchSchema, body);
  const result = await appendSequences({ db: await getDb(), runId: run.id, rows: batch.rows, batchId: batch.batch_id });
  flagsTouchedByBatch(run.id, result);
  return json(result);
});

// GET /api/v1/runs/:id/sequences — per-pair rows at a step (the latest when none is given)
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const query = parseOrThrow(readSequencesQuerySchema, searchParamsObject(request));
  const result = await readSequences({ db: await getDb(), runId: run.id, step: query.step, split: query.split });
  return json(result);
});
