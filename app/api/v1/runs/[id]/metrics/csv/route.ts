import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { parseOrThrow, searchParamsObject } from "@/lib/core/http/parse";
import { requireRunRead } from "@/lib/accounts/server/run-access";
import { csvField } from "@/lib/metrics/view/csv";
import { iterateExactPoints, listMetricKeys } from "@/lib/metrics/server/metric-series";
import { exportMetricsQuerySchema, requestedKeys } from "@/lib/metrics/contract";

// GET /api/v1/runs/:id/metrics/csv — every logged point (never downsampled) of the chosen keys, as CSV
export const GET = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunRead(request, (await params).id);
  const query = parseOrThrow(exportMetricsQuerySchema, searchParamsObject(request));
  const db = await getDb();
  const all = await listMetricKeys({ db, runId: run.id });
  const wanted = requestedKeys(request) ?? all.map((k) => k.name);
  const keys = wanted.map((name) => all.find((k) => k.name === name) ?? name);
  const missing = keys.filter((k) => typeof k === "string");
  if (missing.length) throw new AppError("not_found", `No metric named ${missing.join(", ")} in this run`, ["keys"]);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("key,step,value,wall_time\n"));
      for (const key of keys as Exclude<(typeof keys)[number], string>[]) {
        for await (const page of iterateExactPoints({ db, runId: run.id, keyId: key.id, from: query.from, to: query.to })) {
          const name = csvField(key.name);
          controller.enqueue(encoder.encode(page.map((p) => `${name},${p.step},${p.value},${p.wall_time}\n`).join("")));
        }
      }
      controller.close();
    },
  });
  const file = `${run.name.replace(/[^\w.-]+/g, "_")}-metrics.csv`;
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${file}"` } });
});
