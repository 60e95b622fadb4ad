import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readSharedRuns, resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";
import { shareReadQuerySchema } from "@/lib/reports/contract";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token/runs — the runs a runs-table report lists (its saved filter), or the runs another view names
export const GET = handle(async (request, { params }: Context) => {
  parseOrThrow(shareReadQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  return json(await readSharedRuns({ shared }), { headers: SHARE_RESPONSE_HEADERS });
});
