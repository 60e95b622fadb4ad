import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { rankPairsQuerySchema } from "@/lib/pairs/contract";
import { rankSharedPairs } from "@/lib/pairs/server/shared-pairs";
import { resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token/pairs — the report's run's pairs ranked, as GET /runs/:id/pairs (live links only)
export const GET = handle(async (request, { params }: Context) => {
  const query = parseOrThrow(rankPairsQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  return json(await rankSharedPairs({ shared, query }), { headers: SHARE_RESPONSE_HEADERS });
});
