import { handle, type IdContext } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { requireRunLifecycle } from "@/lib/accounts/server/run-access";
import { setRunArchived } from "@/lib/runs/server/lifecycle";

// POST /api/v1/runs/:id/archive — hide the run from lists, tables and pickers (restorable; ingest still accepted)
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunLifecycle(request, (await params).id);
  return json(await setRunArchived({ id: run.id, archived: true }));
});
