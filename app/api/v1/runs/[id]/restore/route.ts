import { handle, type IdContext } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { requireRunLifecycle } from "@/lib/accounts/server/run-access";
import { setRunArchived } from "@/lib/runs/server/lifecycle";

// POST /api/v1/runs/:id/restore — bring an archived run back into lists, tables and pickers
export const POST = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunLifecycle(request, (await params).id);
  return json(await setRunArchived({ id: run.id, archived: false }));
});
