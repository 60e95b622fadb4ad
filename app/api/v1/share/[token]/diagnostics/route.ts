import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { readSharedDiagnostics, resolveShareLink, SHARE_RESPONSE_HEADERS } from "@/lib/reports/server/share-links";
import { shareReadQuerySchema } from "@/lib/reports/contract";

type Context = { params: Promise<{ token: string }> };

// GET /api/v1/share/:token/diagnostics — the 3D-property and training-health flags and series of the report's run
export const GET = handle(async (request, { params }: Context) => {
  parseOrThrow(shareReadQuerySchema, searchParamsObject(request));
  const shared = await resolveShareLink({ token: (await params).token });
  return json(await readSharedDiagnostics({ shared }), { headers: SHARE_RESPONSE_HEADERS });
});
