import { getDb } from "@/lib/core/db";
import { json } from "@/lib/core/http/json";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readJson } from "@/lib/core/http/read-body";
import { requireCaller, requireRunsEdit } from "@/lib/accounts/server/run-access";
import { editRuns } from "@/lib/runs/server/run-edits";
import { bulkEditRunsSchema } from "@/lib/runs/contract";

// POST /api/v1/runs/bulk — set the group of, add and remove tags on up to 500 runs of one project, all or nothing
export const POST = handle(async (request) => {
  await requireCaller(request);
  const input = parseOrThrow(bulkEditRunsSchema, await readJson(request));
  const { project } = await requireRunsEdit(request, input.ids);
  return json({ runs: await editRuns({ db: await getDb(), input, project }) });
});
