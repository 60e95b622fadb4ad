import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireRunRead } from "@/lib/accounts/server/run-access";
import { pairTrajectoryQuerySchema } from "@/lib/pairs/contract";
import { readPairTrajectory } from "@/lib/pairs/server/rank-pairs";

type Context = { params: Promise<{ id: string; pair_id: string }> };

// GET /api/v1/runs/:id/pairs/:pair_id — one pair's texts and its log-probs over every logged step
export const GET = handle(async (request, { params }: Context) => {
  const { id, pair_id: pairId } = await params;
  const { run } = await requireRunRead(request, id);
  const query = parseOrThrow(pairTrajectoryQuerySchema, searchParamsObject(request));
  // A pair the run never logged answers empty, not 404: the compare view asks every run for the same pair.
  return json(await readPairTrajectory({ db: await getDb(), runId: run.id, pairId, split: query.split }));
});
