import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readSharedMetrics, resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";
import { shareReadQuerySchema } from "@/lib/reports/contract";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token/metrics — every metric of the report's run, min/max-downsampled to ≤ 1000 points per key
export const GET = handle(async (request, { params }: Context) => {
  parseOrThrow(shareReadQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  return json({ series: await readSharedMetrics({ shared }) }, { headers: SHARE_RESPONSE_HEADERS });
});
