import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { handle, type IdContext } from "@/lib/core/http/handler";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { requireRunEdit, requireRunLifecycle, requireRunRead } from "@/lib/accounts/server/run-access";
import { deleteRun } from "@/lib/runs/server/lifecycle";
import { toRun, updateRun } from "@/lib/runs/server/runs";
import { updateRunSchema } from "@/lib/runs/contract";
import { flagsTouchedByUpdate } from "@/lib/diagnostics/server/run-diagnostics";

// GET /api/v1/runs/:id — one run
export const GET = handle(async (request, { params }: IdContext) => {
  const { run, project } = await requireRunRead(request, (await params).id);
  return json(toRun(run, project));
});

// PATCH /api/v1/runs/:id — name, group, notes, tags, status, config, summary, algorithm (when it has none); resume_from_step drops later rows
export const PATCH = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunEdit(request, (await params).id);
  const input = parseOrThrow(updateRunSchema, await readJson(request));
  const updated = await updateRun({ db: await getDb(), id: run.id, input, projectId: run.projectId });
  flagsTouchedByUpdate(run.id, input);
  return json(updated);
});

// DELETE /api/v1/runs/:id — the run and every row logged to it (hidden at once, removed in batches; answers when gone)
export const DELETE = handle(async (request, { params }: IdContext) => {
  const { run } = await requireRunLifecycle(request, (await params).id);
  const rows = await deleteRun({ id: run.id });
  return json({ id: run.id, deleted: true, rows });
});
