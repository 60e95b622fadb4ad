import { handle, type IdContext } from "@/lib/http/handler";
import { json } from "@/lib/http/json";
import { requireRunLifecycle } from "@/lib/http/run-access";
import { setRunArchived } from "@/lib/services/lifecycle";

// POST /api/v1/runs/:id/archive — hide the run from lists, tables and pickers (restorable; ingest still accepted)
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunLifecycle(request, (await params).id);
  return json(await setRunArchived({ id: run.id, archived: true }));
});
