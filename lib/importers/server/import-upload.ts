import "server-only";
import { AppError } from "@/lib/core/errors";
import { blobChunks } from "@/lib/core/http/blob-chunks";
import { discardRun } from "@/lib/runs/server/runs";
import { ImportTally, openImports, UnsupportedFormatError, type ImportStream } from "..";
import { importRun, tensorboardDirectoryStream, type ImportResult } from "./import-run";

const isEventFile = (f: File) => f.name.includes("tfevents");

/** An upload checked and opened: each run's stream, its format known, and the tally its bytes and rows go to. */
export interface OpenedUpload {
  runs: { origin: string; stream: ImportStream }[];
  tally: ImportTally;
}

/**
 * Opens the uploaded files as runs: several TensorBoard event files are one run (one log directory), a W&B runs
 * table a run per row, any other file a run of its own. A file of no known format is refused here (415 on `file`), before anything is written.
 */
export async function openUpload(files: File[], name: string | undefined, stepKey?: string): Promise<OpenedUpload> {
  const tally = new ImportTally(files.reduce((sum, f) => sum + f.size, 0));
  if (files.length > 1 && files.every(isEventFile)) {
    const events = files.map((f) => ({ name: f.name, chunks: tally.count(blobChunks(f)) }));
    return { runs: [{ origin: files.map((f) => f.name).join(", "), stream: tensorboardDirectoryStream(name ?? "tensorboard", events) }], tally };
  }
  const runs = [];
  for (const file of files) {
    try {
      for (const stream of await openImports(file.name, tally.count(blobChunks(file)), { stepKey })) runs.push({ origin: file.name, stream });
    } catch (error) {
      if (error instanceof UnsupportedFormatError) throw new AppError("unsupported_media_type", error.message, ["file"]);
      throw error;
    }
  }
  return { runs, tally };
}

/** Imports an opened upload. One upload is one request: when a later file is refused, the runs of the earlier ones go too. */
export async function importUpload(
  upload: OpenedUpload,
  /** What every run of the upload shares: importRun's options but where each run's data comes from. */
  common: Omit<Parameters<typeof importRun>[0], "origin" | "stream" | "tally">,
): Promise<{ runs: ImportResult[] }> {
  const runs = [];
  try {
    for (const { origin, stream } of upload.runs) runs.push(await importRun({ ...common, origin, stream, tally: upload.tally }));
  } catch (error) {
    for (const imported of runs) await discardRun({ db: common.db, id: imported.run.id });
    throw error;
  }
  return { runs };
}
