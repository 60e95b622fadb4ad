import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { init } from "@/clients/ts";
import { computeDiagnostics, getDiagnosticMetricNames, type DiagnosticFlag, type SequenceRow } from "@/lib/diagnostics";
import { makeSyntheticSequences, SHAPES } from "@/lib/diagnostics/synthetic-runs";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** What one client logs: metric rows at every step, per-pair rows at every 100th, and the flags they imply. */
export interface ClientData {
  name: string;
  config: { beta: number; index: number };
  metrics: { step: number; values: Record<string, number> }[];
  sequences: SequenceRow[];
  flagged: boolean;
}

export const METRIC_KEYS = ["loss", "grad_norm", "fault/x"] as const;

/** Deterministic, distinct per client; even clients degrade (their runs must be flagged), odd ones do not. */
export function makeClientData(index: number, steps: number): ClientData {
  const flagged = index % 2 === 0;
  const metrics = Array.from({ length: steps }, (_, step) => ({
    step,
    values: { loss: 0.6931 * Math.exp(-step / 700) + index / 1000, grad_norm: 1 + Math.sin(step / 37 + index), "fault/x": index * 1e6 + step + 0.25 },
  }));
  const sequences = makeSyntheticSequences({ shape: flagged ? SHAPES.degrading : SHAPES.sftLike, steps: steps - 100, every: 100, pairs: 16, seed: index + 1 })
    // Zero-padded ids sort the same in JS and in any Postgres collation, so both sides sum pairs in one order.
    .map((row) => ({ ...row, pair_id: `p${row.pair_id.replace("pair-", "").padStart(2, "0")}` }))
    .sort((a, b) => a.step - b.step || a.pair_id.localeCompare(b.pair_id));
  return { name: `client-${index}`, config: { beta: 0.1, index }, metrics, sequences, flagged };
}

/** The flags the server must store for this data: computed here from what the client sent. */
export function expectedFlags(data: ClientData): DiagnosticFlag[] {
  const diagnosticNames = new Set(getDiagnosticMetricNames("train"));
  const series: Record<string, { step: number; value: number }[]> = {};
  for (const name of METRIC_KEYS.filter((k) => diagnosticNames.has(k))) series[name] = data.metrics.map((r) => ({ step: r.step, value: r.values[name]! }));
  return computeDiagnostics({ algorithm: "dpo", config: data.config, metrics: series, sequences: data.sequences }, { split: "train" }).flags;
}

/**
 * A barrier the test controls: each client logs the steps before `step`, says it arrived, and logs nothing more
 * until the test opens the gate. A fault injected while every client waits here hits them all mid-run, however
 * fast or slow they started.
 */
export class Gate {
  readonly arrived = new Set<string>();
  private release: () => void = () => {};
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  constructor(readonly step: number) {}

  arrive(client: string): Promise<void> {
    this.arrived.add(client);
    return this.opened;
  }

  open(): void {
    this.release();
  }
}

export interface ClientTarget {
  url: string;
  apiKey: string;
  project: string;
  id: string;
  /** Milliseconds to pause after every `every` logged steps, so logging spans the fault. */
  pauseMs: number;
  every: number;
  finishTimeoutMs: number;
  gate: Gate;
}

/** The TypeScript client (clients/ts) in this process; resolves to whether `finish` saw everything delivered. */
export async function runTsClient(target: ClientTarget, data: ClientData): Promise<{ delivered: boolean; output: string }> {
  const run = init({
    project: target.project,
    name: data.name,
    id: target.id,
    url: target.url,
    apiKey: target.apiKey,
    algorithm: "dpo",
    config: data.config,
    spoolDir: mkdtempSync(path.join(tmpdir(), "prefscope-fault-spool-")),
    settings: { flushIntervalMs: 200, maxMetricRows: 250, retryBaseMs: 100, retryCapMs: 1000 },
  });
  const bySteps = new Map<number, SequenceRow[]>();
  for (const row of data.sequences) bySteps.set(row.step, [...(bySteps.get(row.step) ?? []), row]);
  for (const row of data.metrics) {
    if (row.step === target.gate.step) await target.gate.arrive(data.name);
    run.log(row.values, row.step);
    const pairs = bySteps.get(row.step);
    if (pairs) {
      run.logSequences(row.step, {
        pairIds: pairs.map((p) => p.pair_id),
        logpChosen: pairs.map((p) => p.logp_chosen),
        logpRejected: pairs.map((p) => p.logp_rejected),
        refLogpChosen: pairs.map((p) => p.ref_logp_chosen),
        refLogpRejected: pairs.map((p) => p.ref_logp_rejected),
        lenChosen: pairs.map((p) => p.len_chosen!),
        lenRejected: pairs.map((p) => p.len_rejected!),
      });
    }
    if (row.step % target.every === target.every - 1) await new Promise((r) => setTimeout(r, target.pauseMs));
  }
  return { delivered: await run.finish("finished", target.finishTimeoutMs), output: "" };
}

const pythonClients = new Set<ChildProcess>();

/** Ends the Python clients this module started that still run (after a failed test): by their own handles. */
export function stopPythonClients(): void {
  for (const child of pythonClients) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  pythonClients.clear();
}

/** The Python client (clients/python) in its own interpreter, fed the same data through a JSON file. */
export function runPythonClient(target: ClientTarget, data: ClientData): Promise<{ delivered: boolean; output: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "prefscope-fault-py-"));
  const input = path.join(dir, "input.json");
  const { gate, ...job } = target;
  writeFileSync(input, JSON.stringify({ ...job, gateStep: gate.step, spoolDir: path.join(dir, "spool"), ...data }));
  const child = spawn("python3", [path.join(ROOT, "tests", "support", "fault-python-client.py"), input], {
    cwd: ROOT,
    env: { ...process.env, PYTHONPATH: path.join(ROOT, "clients", "python"), PYTHONUNBUFFERED: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  pythonClients.add(child);
  let output = "";
  child.stdin.on("error", () => {}); // a client that already died: its exit code tells
  // It prints "at-gate" and reads a line from stdin before logging the gate's step.
  child.stdout.on("data", (d: Buffer) => {
    const before = output;
    output += d.toString();
    if (!before.includes("at-gate\n") && output.includes("at-gate\n")) void gate.arrive(data.name).then(() => child.stdin.write("go\n"));
  });
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => {
    child.once("exit", (code) => {
      pythonClients.delete(child);
      resolve({ delivered: code === 0, output: `python client ${data.name} exited ${code}:\n${output.slice(-2000)}` });
    });
  });
}
