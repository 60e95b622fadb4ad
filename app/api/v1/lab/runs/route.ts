import { ingestToyRun } from "@/lib/demo/ingest-toy-run";
import { json } from "@/lib/http/json";
import { handle } from "@/lib/http/handler";
import { parseOrThrow } from "@/lib/http/parse";
import { requireProjectWrite } from "@/lib/http/project-write";
import { readJson } from "@/lib/http/read-body";
import { labRunName, toSavedToyOptions } from "@/lib/lab/toy-options";
import { getRun } from "@/lib/services/runs";
import { createLabRunSchema } from "@/lib/validation/lab";

// POST /api/v1/lab/runs — recompute a lab setup here (the toy model is deterministic, so the stored run is the
// one the lab drew) and store it as a finished run with its flags
export const POST = handle(async (request) => {
  const { project, name, ...setup } = parseOrThrow(createLabRunSchema, await readJson(request));
  const projectId = await requireProjectWrite(request, project);
  const { run, flags } = await ingestToyRun({ projectId, project, toy: toSavedToyOptions(setup), name: name ?? labRunName(setup), group: "lab", tags: ["lab"] });
  const url = `/p/${encodeURIComponent(project)}/runs/${run.id}`;
  return json({ run: await getRun({ id: run.id }), flags, url }, { status: 201 });
});
