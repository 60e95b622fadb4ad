import { openAsBlob, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { IMPORT_STREAM_TYPE } from "../importers/contract";
import { describeProblem } from "../importers/problem-text";
import { StreamLineReader } from "../importers/progress-stream";
import type { ImportResult } from "../importers/server/import-run";
import { itemFiles, readSummaryFiles, type ImportOptions, type PlannedRun } from "./import-items";
import { planImport, type ImportItem } from "./import-plan";
import { describeConfigFiles, readConfigFiles } from "./neighbour-config";
import { createProgressPrinter, type ProgressPrinter } from "./progress-line";
import { withDatabase } from "./with-database";

/** Reads each run's config files and says which fed which run (stderr, beside the skips). */
function withConfigs(items: ImportItem[], given: Record<string, unknown> | undefined): PlannedRun[] {
  return items.map((item) => {
    const { config, read } = readConfigFiles(item.configFiles ?? [], (file, message) => console.error(`skipped ${file}: ${message}`));
    if (read.length) console.error(`config for ${path.relative(process.cwd(), item.kind === "file" ? item.path : item.dir) || "."}: ${describeConfigFiles(read, process.cwd())}`);
    return config || given ? { ...item, config: { ...config, ...given } } : item;
  });
}

/** The server's streamed answer to one upload: its progress lines to the printer (after what earlier uploads did), then its runs. */
async function readImportStream(response: Response, before: { bytes: number; total: number; rows: number }, printer: ProgressPrinter, what: string): Promise<ImportResult[]> {
  const reader = new StreamLineReader();
  const text = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  for (let read = await text.read(); !read.done; read = await text.read()) {
    for (const event of reader.push(read.value)) {
      if (event.kind === "progress") printer.update({ bytes: before.bytes + event.progress.bytes, total: before.total, rows: before.rows + event.progress.rows });
    }
  }
  const outcome = reader.finish();
  if (!("result" in outcome)) throw new Error(`${what}: ${outcome.message}`);
  return outcome.result.runs as ImportResult[];
}

async function importThroughServer(server: { url: string; token: string }, items: PlannedRun[], options: ImportOptions, printer: ProgressPrinter): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  const done = { bytes: 0, total: items.flatMap(itemFiles).reduce((sum, f) => sum + statSync(f).size, 0), rows: 0 };
  for (const item of items) {
    const form = new FormData();
    form.set("project", options.project);
    if (items.length === 1 && options.name) form.set("name", options.name);
    if (item.config) form.set("config", JSON.stringify(item.config));
    const summary = item.kind === "file" ? readSummaryFiles(item) : undefined;
    if (summary) form.set("summary", JSON.stringify(summary));
    if (options.algorithm) form.set("algorithm", options.algorithm);
    if (options.stepKey) form.set("step_key", options.stepKey);
    const paths = item.kind === "file" ? [item.path] : item.files;
    for (const file of paths) form.append("file", await openAsBlob(file), item.kind === "file" ? file : path.join(item.dir, path.basename(file)));
    if (item.kind === "tensorboard_dir" && !(items.length === 1 && options.name)) form.set("name", item.name ?? path.basename(item.dir));
    const response = await fetch(`${server.url}/api/v1/import`, { method: "POST", headers: { "x-prefscope-local-token": server.token, accept: IMPORT_STREAM_TYPE }, body: form });
    // A 200 streams (progress, then the result); anything else is a plain answer: the runs, or what is wrong.
    let runs: ImportResult[];
    if (response.status === 200) {
      runs = await readImportStream(response, done, printer, paths[0]!);
    } else {
      const body = (await response.json()) as { runs?: ImportResult[]; error?: { message: string } };
      if (!response.ok || !body.runs) throw new Error(`${paths[0]}: ${body.error?.message ?? response.status}`);
      runs = body.runs;
    }
    results.push(...runs);
    done.bytes += paths.reduce((sum, f) => sum + statSync(f).size, 0);
    done.rows += runs.reduce((sum, r) => sum + r.rows, 0);
  }
  return results;
}

export async function runImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    allowNegative: true,
    options: {
      project: { type: "string" },
      name: { type: "string" },
      config: { type: "string" },
      algorithm: { type: "string" },
      "step-key": { type: "string" },
      progress: { type: "boolean" },
    },
  });
  const target = positionals[0];
  if (!target || !values.project) {
    console.error("Usage: prefscope import PATH --project NAME [--name RUN] [--algorithm dpo] [--config '{\"beta\":0.1}'] [--step-key KEY] [--progress|--no-progress]");
    return 2;
  }
  const options: ImportOptions = {
    project: values.project,
    name: values.name,
    algorithm: values.algorithm,
    stepKey: values["step-key"],
    config: values.config ? (JSON.parse(values.config) as Record<string, unknown>) : undefined,
  };
  const plan = planImport(path.resolve(target));
  for (const s of plan.skipped) console.error(`skipped ${s.path}: ${s.reason}`);
  for (const note of plan.notes) console.error(note);
  const items = withConfigs(plan.items, options.config);
  if (items.length === 0) {
    console.error(`Nothing to import under ${target}: no trainer_state.json, event files, .jsonl or .csv`);
    return 1;
  }
  // Progress goes to stderr, and only to a terminal unless asked for: stdout and piped output stay as they were.
  const printer = createProgressPrinter(process.stderr, values.progress ?? process.stderr.isTTY === true);
  const importDirect = () => import("./import-direct");
  const results = await withDatabase(
    async (db) => (await importDirect()).importDirect(db, items, options, printer),
    (server) => importThroughServer(server, items, options, printer),
    importDirect,
  ).finally(() => printer.done());
  for (const r of results) {
    console.log(`${r.run.name}\t${r.format}\t${r.rows} rows\t${r.problem_count} problems\t${r.run.id}`);
    for (const p of r.problems.slice(0, 5)) console.log(`  problem: ${describeProblem(p)}`);
  }
  return 0;
}
