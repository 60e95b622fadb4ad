import { getDb } from "@/lib/core/db";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireRunRead } from "@/lib/accounts/server/run-access";
import { pairHistograms } from "@/lib/sequences/view/pair-histograms";
import { readAllSequences } from "@/lib/sequences/server/sequences";
import { sequenceDistributionQuerySchema } from "@/lib/sequences/contract";

// GET /api/v1/runs/:id/sequences/distribution — per-step histograms of Δlog πw and Δlog πl over pairs
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const { split, bins } = parseOrThrow(sequenceDistributionQuerySchema, searchParamsObject(request));
  const rows = await readAllSequences({ db: await getDb(), runId: run.id, split });
  const deltas = rows.map((r) => ({ step: r.step, c: r.logp_chosen - r.ref_logp_chosen, r: r.logp_rejected - r.ref_logp_rejected }));
  return json({ run_id: run.id, split, ...pairHistograms(deltas, bins) });
});
