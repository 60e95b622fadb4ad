import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { pairTrajectoryQuerySchema } from "@/lib/pairs/contract";
import { readSharedPairTrajectory } from "@/lib/pairs/server/shared-pairs";
import { resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";

type Context = { params: Promise<{ token: string; pair_id: string }> };

// GET /api/v1/share/:token/pairs/:pair_id — one pair of the report's run: texts and trajectory (live links only)
export const GET = handle(async (request, { params }: Context) => {
  const { token, pair_id: pairId } = await params;
  const query = parseOrThrow(pairTrajectoryQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token });
  return json(await readSharedPairTrajectory({ shared, pairId, split: query.split }), { headers: SHARE_RESPONSE_HEADERS });
});
