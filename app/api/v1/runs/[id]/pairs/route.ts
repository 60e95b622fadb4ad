import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { requireRunRead, requireRunWrite } from "@/lib/accounts/server/run-access";
import { pairTextsBatchSchema, rankPairsQuerySchema } from "@/lib/pairs/contract";
import { storePairTexts } from "@/lib/pairs/server/pair-texts";
import { rankPairs } from "@/lib/pairs/server/rank-pairs";

// POST /api/v1/runs/:id/pairs — store pairs' prompt, chosen and rejected texts (shared across runs), all or nothing
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunWrite(request, (await params).id);
  const body = parseOrThrow(pairTextsBatchSchema, await readJson(request));
  return json(await storePairTexts({ db: await getDb(), runId: run.id, pairs: body.pairs }));
});

// GET /api/v1/runs/:id/pairs — the pairs at a step ranked by a measure, filtered by quadrant and text
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const query = parseOrThrow(rankPairsQuerySchema, searchParamsObject(request));
  return json(await rankPairs({ db: await getDb(), run, query }));
});
