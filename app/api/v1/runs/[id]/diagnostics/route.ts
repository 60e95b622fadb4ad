import { handle, type IdContext } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireRunRead } from "@/lib/accounts/server/run-access";
import { getRunDiagnostics } from "@/lib/diagnostics/server/run-diagnostics";
import { readDiagnosticsQuerySchema } from "@/lib/diagnostics/contract";

// GET /api/v1/runs/:id/diagnostics — the 3D-property and training-health flags with their evidence, and the per-step series behind them
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const { split } = parseOrThrow(readDiagnosticsQuerySchema, searchParamsObject(request));
  const { flags, series, unavailable, summary } = await getRunDiagnostics({ runId: run.id, split });
  return json({ run_id: run.id, flags, series, unavailable, summary });
});
