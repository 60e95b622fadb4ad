// BENCH_ONLY=cli: how long `prefscope` takes to start, and its peak memory, against plain node (and node with tsx,
// the floor every command pays) measured in the same run. Each figure is the median of RUNS starts, after a first
// start that fills tsx's transpile cache (that first one is printed too: it is what a fresh checkout sees once).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { heading, line } from "./report";

const RUNS = 9;
const TIME = "/usr/bin/time"; // GNU time: a child's peak RSS, its own children included
const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "bin", "prefscope.mjs");
// Targets against the floor measured in the same run (a busy machine slows both alike): the CLI's own start costs
// at most half again node + tsx's time, and 16 MB over their memory.
const TARGET_TIME = 1.5;
const TARGET_EXTRA_MB = 16;
/** Imports start the embedded database (seconds each): fewer of them. */
const IMPORT_RUNS = 5;
const IMPORT_FIXTURE = path.join(ROOT, "tests", "fixtures", "transformers-trainer", "trainer_state.json");

interface Start {
  seconds: number;
  peakMb: number;
}

function startOnce(args: string[], env?: NodeJS.ProcessEnv): Start {
  if (!existsSync(TIME)) {
    const began = performance.now();
    const out = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore", env });
    if (out.status !== 0) throw new Error(`${args.join(" ")} exited ${out.status}`);
    return { seconds: (performance.now() - began) / 1000, peakMb: NaN };
  }
  const out = spawnSync(TIME, ["-f", "\n%e %M", process.execPath, ...args], { cwd: ROOT, encoding: "utf8", env });
  if (out.status !== 0) throw new Error(`${args.join(" ")} exited ${out.status}: ${out.stderr.slice(-500)}`);
  const [seconds, kb] = out.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { seconds: seconds!, peakMb: kb! / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function measure(args: string[], runs = RUNS, env?: () => NodeJS.ProcessEnv): { first: Start; median: Start } {
  const first = startOnce(args, env?.());
  const starts = Array.from({ length: runs }, () => startOnce(args, env?.()));
  return { first, median: { seconds: median(starts.map((s) => s.seconds)), peakMb: median(starts.map((s) => s.peakMb)) } };
}

const signed = (seconds: number) => `${seconds < 0 ? "−" : "+"}${Math.abs(seconds).toFixed(2)} s`;
const show = (s: Start) => `${s.seconds.toFixed(2)} s, ${Number.isNaN(s.peakMb) ? "RSS n/a" : `${s.peakMb.toFixed(0)} MB`}`;

export function benchCliStart(): void {
  heading(`CLI start: wall time and peak RSS, median of ${RUNS} starts (after a first one, shown as "first"):`);
  const node = measure(["-e", "0"]);
  const tsx = measure(["--conditions=react-server", "--import", "tsx", "-e", "0"]);
  line("node -e 0 (baseline)", show(node.median));
  line("node with tsx, nothing else (floor)", show(tsx.median), `${signed(tsx.median.seconds - node.median.seconds)} over node`);
  for (const args of [["--help"], ["import", "--help"]]) {
    const cli = measure([CLI, ...args]);
    const met = cli.median.seconds <= TARGET_TIME * tsx.median.seconds && !(cli.median.peakMb > tsx.median.peakMb + TARGET_EXTRA_MB);
    line(
      `prefscope ${args.join(" ")}`,
      show(cli.median),
      `${signed(cli.median.seconds - node.median.seconds)} over node, ${signed(cli.median.seconds - tsx.median.seconds)} over tsx; first ${show(cli.first)}`,
      `≤ ${TARGET_TIME}× and +${TARGET_EXTRA_MB} MB of node with tsx`,
      met,
    );
  }
  benchDirectImport(node.median, tsx.median);
}

/**
 * `prefscope import trainer_state.json` with no server running: the CLI opens the embedded database itself (PGlite
 * in this process). Into a fresh data folder (PGlite's initdb and every migration: a first use) and into one made
 * by an earlier import (what each later command pays). Always PGlite, whatever DATABASE_URL says. No target: the
 * figures are reported against the floor (issue 16 measured ~7 s and ~500 MB before the CLI's start was reworked).
 */
function benchDirectImport(node: Start, tsx: Start): void {
  const work = mkdtempSync(path.join(tmpdir(), "prefscope-bench-cli-"));
  try {
    const file = path.join(work, "trainer_state.json");
    cpSync(IMPORT_FIXTURE, file);
    const args = [CLI, "import", file, "--project", "bench", "--no-progress"];
    const env = (dataDir: string): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: "", PREFSCOPE_DATA_DIR: dataDir });
    let fresh = 0;
    const freshEnv = () => env(path.join(work, `fresh-${fresh++}`));
    const existing = path.join(work, "existing");
    startOnce(args, env(existing)); // made and migrated once; every measured import finds it so
    for (const [label, figures] of [
      ["prefscope import (no server), fresh data folder", measure(args, IMPORT_RUNS, freshEnv)],
      ["prefscope import (no server), existing data folder", measure(args, IMPORT_RUNS, () => env(existing))],
    ] as const) {
      line(
        `${label}`,
        show(figures.median),
        `${signed(figures.median.seconds - node.seconds)} over node, ${signed(figures.median.seconds - tsx.seconds)} over tsx; first ${show(figures.first)}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
