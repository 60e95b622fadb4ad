import { getDb } from "@/lib/core/db";
import { ingestToyRun } from "@/lib/demo/ingest-toy-run";
import { json } from "@/lib/core/http/json";
import { handle } from "@/lib/core/http/handler";
import { parseOrThrow } from "@/lib/core/http/parse";
import { requireProjectWrite } from "@/lib/accounts/server/project-write";
import { readJson } from "@/lib/core/http/read-body";
import { labRunName, toSavedToyOptions } from "@/lib/lab/toy-options";
import { runToyModelOffThread } from "@/lib/lab/toy-pool";
import { getRun } from "@/lib/runs/server/runs";
import { createLabRunSchema } from "@/lib/lab/contract";

// POST /api/v1/lab/runs — recompute a lab setup here (the toy model is deterministic, so the stored run is the
// one the lab drew) and store it as a finished run with its flags
export const POST = handle(async (request) => {
  const { project, name, ...setup } = parseOrThrow(createLabRunSchema, await readJson(request));
  const projectId = await requireProjectWrite(request, project);
  const toy = toSavedToyOptions(setup);
  // Off the request thread; past the queue bound 503 with Retry-After, before anything is stored.
  const toyRun = await runToyModelOffThread(toy);
  const db = await getDb();
  const { run, flags } = await ingestToyRun({ db, projectId, project, toy, toyRun, name: name ?? labRunName(setup), group: "lab", tags: ["lab"] });
  const url = `/p/${encodeURIComponent(project)}/runs/${run.id}`;
  return json({ run: await getRun({ db, id: run.id }), flags, url }, { status: 201 });
});
