import { loadSharedView } from "@/lib/pages/shared-view";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readSharedView, resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";
import { shareReadQuerySchema } from "@/lib/reports/contract";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token/view — what a tables, compare, sweeps or DPO-vs-RM report draws, live or as frozen; 404 for other views
export const GET = handle(async (request, { params }: Context) => {
  parseOrThrow(shareReadQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  return json(await readSharedView({ shared, loadView: loadSharedView }), { headers: SHARE_RESPONSE_HEADERS });
});
