import { createReadStream, openAsBlob } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openImport } from "../importers";
import { importRun, tensorboardDirectoryStream, type ImportResult } from "../importers/server/import-run";
import type { Db } from "../core/db";
import { getOrCreateProject } from "../projects/server/projects";
import { planImport, type ImportItem } from "./import-plan";
import { withDatabase } from "./with-database";

interface Options {
  project: string;
  name?: string;
  config?: Record<string, unknown>;
  algorithm?: string;
}

async function importDirect(db: Db, items: ImportItem[], options: Options): Promise<ImportResult[]> {
  const { id: projectId } = await getOrCreateProject({ db, name: options.project });
  const results: ImportResult[] = [];
  for (const item of items) {
    const common = { db, projectId, project: options.project, name: items.length === 1 ? options.name : undefined, config: options.config, algorithm: options.algorithm };
    if (item.kind === "file") {
      results.push(await importRun({ ...common, origin: item.path, stream: await openImport(item.path, createReadStream(item.path)) }));
    } else {
      const files = item.files.map((f) => ({ name: f, chunks: createReadStream(f) }));
      results.push(await importRun({ ...common, origin: item.dir, stream: tensorboardDirectoryStream(item.dir, files) }));
    }
  }
  return results;
}

async function importThroughServer(server: { url: string; token: string }, items: ImportItem[], options: Options): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const item of items) {
    const form = new FormData();
    form.set("project", options.project);
    if (items.length === 1 && options.name) form.set("name", options.name);
    if (options.config) form.set("config", JSON.stringify(options.config));
    if (options.algorithm) form.set("algorithm", options.algorithm);
    const paths = item.kind === "file" ? [item.path] : item.files;
    for (const file of paths) form.append("file", await openAsBlob(file), item.kind === "file" ? file : path.join(item.dir, path.basename(file)));
    if (item.kind === "tensorboard_dir" && !options.name) form.set("name", path.basename(item.dir));
    const response = await fetch(`${server.url}/api/v1/import`, { method: "POST", headers: { "x-prefscope-local-token": server.token }, body: form });
    const body = (await response.json()) as { runs: ImportResult[]; error?: { message: string } };
    if (!response.ok) throw new Error(`${paths[0]}: ${body.error?.message ?? response.status}`);
    results.push(...body.runs);
  }
  return results;
}

export async function runImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { project: { type: "string" }, name: { type: "string" }, config: { type: "string" }, algorithm: { type: "string" } },
  });
  const target = positionals[0];
  if (!target || !values.project) {
    console.error("Usage: prefscope import PATH --project NAME [--name RUN] [--algorithm dpo] [--config '{\"beta\":0.1}']");
    return 2;
  }
  const options: Options = {
    project: values.project,
    name: values.name,
    algorithm: values.algorithm,
    config: values.config ? (JSON.parse(values.config) as Record<string, unknown>) : undefined,
  };
  const items = planImport(path.resolve(target));
  if (items.length === 0) {
    console.error(`Nothing to import under ${target}: no trainer_state.json, event files, .jsonl or .csv`);
    return 1;
  }
  const results = await withDatabase(
    (db) => importDirect(db, items, options),
    (server) => importThroughServer(server, items, options),
  );
  for (const r of results) {
    console.log(`${r.run.name}\t${r.format}\t${r.rows} rows\t${r.problem_count} problems\t${r.run.id}`);
    for (const p of r.problems.slice(0, 5)) console.log(`  problem: ${p.file ? `${p.file}: ` : ""}${p.message}`);
  }
  return 0;
}
