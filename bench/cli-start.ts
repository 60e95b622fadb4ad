// BENCH_ONLY=cli: how long `prefscope` takes to start, and its peak memory, against plain node (and node with tsx,
// the floor every command pays) measured in the same run. Each figure is the median of RUNS starts, after a first
// start that fills tsx's transpile cache (that first one is printed too: it is what a fresh checkout sees once).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

interface Start {
  seconds: number;
  peakMb: number;
}

function startOnce(args: string[]): Start {
  if (!existsSync(TIME)) {
    const began = performance.now();
    spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    return { seconds: (performance.now() - began) / 1000, peakMb: NaN };
  }
  const out = spawnSync(TIME, ["-f", "\n%e %M", process.execPath, ...args], { cwd: ROOT, encoding: "utf8" });
  const [seconds, kb] = out.stderr.trim().split("\n").at(-1)!.split(" ").map(Number);
  return { seconds: seconds!, peakMb: kb! / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function measure(args: string[]): { first: Start; median: Start } {
  const first = startOnce(args);
  const starts = Array.from({ length: RUNS }, () => startOnce(args));
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
}
