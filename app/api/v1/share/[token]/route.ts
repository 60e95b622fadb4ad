import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";
import { shareReadQuerySchema } from "@/lib/reports/contract";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token — the shared report (title, note, view) and its link (mode, dates); 404 unknown, 410 revoked or expired
export const GET = handle(async (request, { params }: Context) => {
  parseOrThrow(shareReadQuerySchema, searchParamsObject(request));
  const { report, link } = await resolveShareLink({ token: (await params).token });
  return json({ report, link }, { headers: SHARE_RESPONSE_HEADERS });
});
