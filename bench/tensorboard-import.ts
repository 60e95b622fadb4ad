import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { streamTensorboardFiles } from "../lib/importers";
import { writeEventDirs } from "./event-writer";

const ROOT = path.resolve(import.meta.dirname, "..");
const TIME = "/usr/bin/time";

/** Peak RSS of the process tree, polled from /proc where GNU time is missing (it can miss the last 50 ms). */
function pollPeakRss(pid: number): () => number {
  let peak = 0;
  const tree = (p: number): number[] => {
    try {
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      return [p, ...children.flatMap(tree)];
    } catch {
      return [];
    }
  };
  const timer = setInterval(() => {
    for (const p of tree(pid)) {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
        peak = Math.max(peak, kb);
      } catch {
        // exited between the listing and the read
      }
    }
  }, 50);
  return () => (clearInterval(timer), peak);
}

/**
 * `prefscope import DIR --project NAME` as a user runs it, in a child process; its wall time and the peak RSS of
 * its largest process (GNU time's %M: the wrapper's and the importing child's, whichever is larger).
 */
async function runImport(target: string, env: Record<string, string>): Promise<{ seconds: number; peakMb: number; rows: number; output: string }> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "prefscope-bench-time-")), "rss");
  const cli = [path.join(ROOT, "bin", "prefscope.mjs"), "import", target, "--project", "bench-import"];
  const timed = existsSync(TIME);
  const started = performance.now();
  const child = spawn(timed ? TIME : process.execPath, timed ? ["-f", "%M", "-o", out, process.execPath, ...cli] : cli, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stopPolling = timed ? () => 0 : pollPeakRss(child.pid!);
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const seconds = (performance.now() - started) / 1000;
  const polled = stopPolling();
  if (code !== 0) throw new Error(`prefscope import exited with ${code}:\n${output}`);
  const peakKb = timed ? Number(readFileSync(out, "utf8").trim().split("\n").at(-1)) : polled;
  const rows = [...output.matchAll(/\t(\d+) rows\t/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { seconds, peakMb: peakKb / 1024, rows, output };
}

/** Read and decode every event file, storing nothing: the importer's own ceiling. */
async function parseOnly(dirs: string[]): Promise<{ seconds: number; rows: number }> {
  const started = performance.now();
  let rows = 0;
  for (const dir of dirs) {
    const files = readdirSync(dir).map((f) => ({ name: f, chunks: createReadStream(path.join(dir, f)) }));
    for await (const batch of streamTensorboardFiles(files)) rows += batch.rows.length;
  }
  return { seconds: (performance.now() - started) / 1000, rows };
}

/**
 * ~`megabytes` MB of TensorBoard event files (4 log directories, 10 scalars a step as SummaryWriter writes them)
 * imported by the CLI into the database `databaseUrl` selects (a fresh PGlite folder otherwise, created by an
 * untimed first import); the baseline is decoding the same files without storing them. The fixed cost (process,
 * tsx, opening the database) is measured on a tiny import and reported beside it.
 */
export async function benchTensorboardImport(databaseUrl: string | null, megabytes = 100) {
  const root = mkdtempSync(path.join(tmpdir(), "prefscope-bench-tb-"));
  try {
    const written = writeEventDirs(path.join(root, "big"), 4, (megabytes * 1e6) / 4);
    const tiny = writeEventDirs(path.join(root, "tiny"), 1, 20_000);
    const env: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { PREFSCOPE_DATA_DIR: path.join(root, "db") };
    const parsed = await parseOnly(written.dirs);
    // Users import into a database that exists: the first import (PGlite's initdb, migrations) is not timed.
    await runImport(tiny.dirs[0]!, env);
    const startup = await runImport(tiny.dirs[0]!, env);
    const imported = await runImport(path.join(root, "big"), env);
    if (imported.rows !== parsed.rows) throw new Error(`imported ${imported.rows} rows, the files hold ${parsed.rows}:\n${imported.output}`);
    return { bytes: written.bytes, scalars: written.scalars, steps: parsed.rows, parsed, startup, imported };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
