import { getDb } from "@/lib/core/db";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readUpload } from "@/lib/core/http/read-body";
import { requireProjectWrite } from "@/lib/accounts/server/project-write";
import { importFormSchema } from "@/lib/importers/contract";
import { streamImport, wantsImportStream } from "@/lib/importers/server/import-stream";
import { importUpload, openUpload } from "@/lib/importers/server/import-upload";

// POST /api/v1/import — multipart: project, file (one or more), optional name, config and summary (JSON), algorithm, group.
// An upload that yields no rows is refused (422 naming `file`, with the reason) and makes no run.
// Several TensorBoard event files are one run (one log directory); a W&B runs table is a run per row (config and
// summary only); any other file is a run of its own. With
// `Accept: application/x-ndjson` the answer streams progress lines, then the result (importStreamLineSchema).
export const POST = handle(async (request) => {
  const form = await readUpload(request);
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string");
  const input = parseOrThrow(importFormSchema, {
    project: form.get("project") ?? undefined,
    name: form.get("name") ?? undefined,
    config: form.get("config") ?? undefined,
    summary: form.get("summary") ?? undefined,
    algorithm: form.get("algorithm") ?? undefined,
    group: form.get("group") ?? undefined,
    step_key: form.get("step_key") ?? undefined,
    files: files.length,
  });
  const projectId = await requireProjectWrite(request, input.project);
  const db = await getDb();
  const upload = await openUpload(files, input.name, input.step_key);
  const work = () =>
    importUpload(upload, { db, projectId, project: input.project, name: input.name, config: input.config, summary: input.summary, algorithm: input.algorithm, group: input.group });
  if (wantsImportStream(request)) return streamImport(upload.tally, work);
  return json(await work(), { status: 201 });
});
