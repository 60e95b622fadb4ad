import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { blobChunks } from "@/lib/core/http/blob-chunks";
import { handle } from "@/lib/core/http/handler";
import { json } from "@/lib/core/http/json";
import { parseOrThrow } from "@/lib/core/http/parse";
import { readUpload } from "@/lib/core/http/read-body";
import { requireProjectWrite } from "@/lib/accounts/server/project-write";
import { openImport, UnsupportedFormatError, type EventFile } from "@/lib/importers";
import { importRun, tensorboardDirectoryStream } from "@/lib/importers/server/import-run";
import { discardRun } from "@/lib/runs/server/runs";
import { importFormSchema } from "@/lib/importers/contract";

const isEventFile = (f: File) => f.name.includes("tfevents");

// POST /api/v1/import — multipart: project, file (one or more), optional name, config (JSON), algorithm, group.
// Several TensorBoard event files are one run (one log directory); any other file is a run of its own.
export const POST = handle(async (request) => {
  const form = await readUpload(request);
  const files = form.getAll("file").filter((f): f is File => typeof f !== "string");
  const input = parseOrThrow(importFormSchema, {
    project: form.get("project") ?? undefined,
    name: form.get("name") ?? undefined,
    config: form.get("config") ?? undefined,
    algorithm: form.get("algorithm") ?? undefined,
    group: form.get("group") ?? undefined,
    files: files.length,
  });
  const projectId = await requireProjectWrite(request, input.project);
  const db = await getDb();
  const common = { db, projectId, project: input.project, name: input.name, config: input.config, algorithm: input.algorithm, group: input.group };
  try {
    if (files.length > 1 && files.every(isEventFile)) {
      const events: EventFile[] = files.map((f) => ({ name: f.name, chunks: blobChunks(f) }));
      const stream = tensorboardDirectoryStream(input.name ?? "tensorboard", events);
      return json({ runs: [await importRun({ ...common, origin: files.map((f) => f.name).join(", "), stream })] }, { status: 201 });
    }
    const streams = [];
    for (const file of files) streams.push({ file, stream: await openImport(file.name, blobChunks(file)) });
    const runs = [];
    try {
      for (const { file, stream } of streams) runs.push(await importRun({ ...common, origin: file.name, stream }));
    } catch (error) {
      // One upload is one request: when a later file is refused, the runs of the earlier ones go too.
      for (const imported of runs) await discardRun({ db, id: imported.run.id });
      throw error;
    }
    return json({ runs }, { status: 201 });
  } catch (error) {
    if (error instanceof UnsupportedFormatError) throw new AppError("unsupported_media_type", error.message, ["file"]);
    throw error;
  }
});
