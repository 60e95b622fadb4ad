import { createReadStream, statSync } from "node:fs";
import { ImportTally, openImports } from "../importers";
import { importRun, tensorboardDirectoryStream, type ImportResult } from "../importers/server/import-run";
import type { Db } from "../core/db";
import { getOrCreateProject } from "../projects/server/projects";
import { itemFiles, readSummaryFiles, type ImportOptions, type PlannedRun } from "./import-items";
import type { ProgressPrinter } from "./progress-line";

// `prefscope import` into the database itself: loaded only then (the services, drizzle and the drivers are most of
// what the command would otherwise load at start).

export async function importDirect(db: Db, items: PlannedRun[], options: ImportOptions, printer: ProgressPrinter): Promise<ImportResult[]> {
  const { id: projectId } = await getOrCreateProject({ db, name: options.project });
  const tally = new ImportTally(items.flatMap(itemFiles).reduce((sum, f) => sum + statSync(f).size, 0));
  tally.onChange = () => printer.update({ bytes: tally.bytes, total: tally.total, rows: tally.rows });
  const results: ImportResult[] = [];
  for (const item of items) {
    const common = { db, projectId, project: options.project, name: items.length === 1 ? options.name : undefined, config: item.config, algorithm: options.algorithm, tally };
    if (item.kind === "file") {
      const summary = readSummaryFiles(item);
      // A W&B runs table is a run per row.
      for (const stream of await openImports(item.path, tally.count(createReadStream(item.path)), { stepKey: options.stepKey })) {
        results.push(await importRun({ ...common, summary, origin: item.path, stream }));
      }
    } else {
      const files = item.files.map((f) => ({ name: f, chunks: tally.count(createReadStream(f)) }));
      results.push(await importRun({ ...common, name: common.name ?? item.name, origin: item.dir, stream: tensorboardDirectoryStream(item.dir, files) }));
    }
  }
  return results;
}
