import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readOptionalJson } from "@/lib/core/http/read-body";
import { requireRunWrite } from "@/lib/accounts/server/run-access";
import { recordHeartbeat } from "@/lib/runs/server/run-health";
import { heartbeatBodySchema } from "@/lib/runs/contract";

// POST /api/v1/runs/:id/heartbeat — the runner is alive (a quiet run is not shown as stale); no body, or `{}`
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunWrite(request, (await params).id);
  const body = await readOptionalJson(request, 1024);
  if (body !== undefined) parseOrThrow(heartbeatBodySchema, body);
  return json(await recordHeartbeat({ db: await getDb(), runId: run.id }));
});
