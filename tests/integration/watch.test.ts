// `prefscope watch`: logs written while a training runs show up as live runs; a record cut mid-write waits for the
// rest; a restarted watch carries on in the same runs with nothing lost or doubled; the end of training finishes them.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, onTestFailed } from "vitest";
import { eventRecord, join } from "@/lib/importers/test-support";
import { waitFor } from "../support/fault-checks";
import { baseUrl, newProject } from "./api-client";

const CLI = path.resolve(import.meta.dirname, "..", "..", "bin", "prefscope.mjs");
const line = (o: Record<string, unknown>) => `${JSON.stringify(o)}\n`;

interface Watch {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function startWatch(dir: string, project: string, key: string): Watch {
  const child = spawn(process.execPath, [CLI, "watch", dir, "--project", project, "--url", baseUrl(), "--api-key", key, "--interval", "0.2"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function runsOf(project: string, key: string) {
  const response = await fetch(`${baseUrl()}/api/v1/runs?project=${project}&summary_keys=loss`, { headers: { authorization: `Bearer ${key}` } });
  return (
    (await response.json()) as {
      runs: { id: string; name: string; status: string; algorithm: string | null; config: Record<string, unknown>; metrics: Record<string, { count: number }> }[];
    }
  ).runs;
}

async function series(runId: string, key: string, name: string): Promise<[number, number][]> {
  const response = await fetch(`${baseUrl()}/api/v1/runs/${runId}/metrics?keys=${encodeURIComponent(name)}&max_points=100000`, { headers: { authorization: `Bearer ${key}` } });
  const body = (await response.json()) as { series: { points: { step: number; value: number }[] }[] };
  return (body.series[0]?.points ?? []).map((p) => [p.step, p.value]);
}

/** Polls until the run named `name` holds `steps` of `metric` exactly as given. */
async function expectSeries(project: string, key: string, name: string, metric: string, expected: [number, number][]) {
  return waitFor(`${name}: ${metric} at steps ${expected.map(([s]) => s).join(",")}`, 60_000, async () => {
    const run = (await runsOf(project, key)).find((r) => r.name === name);
    if (!run) return undefined;
    const points = await series(run.id, key, metric);
    return JSON.stringify(points) === JSON.stringify(expected) ? run : undefined;
  });
}

describe("prefscope watch", () => {
  const watches: Watch[] = [];
  afterEach(async () => {
    for (const w of watches.splice(0)) await w.stop();
  });

  it("follows a JSONL log and a TensorBoard dir live, across a restart of watch, until the training logs its end", { timeout: 240_000 }, async () => {
    const { project, key } = await newProject("watch");
    const dir = mkdtempSync(path.join(tmpdir(), "prefscope-watch-"));
    const log = path.join(dir, "sft.jsonl");
    // Two steps and a third cut mid-write: the cut line is not read as a (broken) record.
    writeFileSync(log, line({ step: 1, loss: 0.9 }) + line({ step: 2, loss: 0.8 }) + '{"step": 3, "lo');
    const tb = path.join(dir, "tb", "dpo-beta-0.1");
    mkdirSync(tb, { recursive: true });
    const eventFile = path.join(tb, "events.out.tfevents.1700000000.host.1.0");
    const args = JSON.stringify({ beta: 0.1, loss_type: "sigmoid", learning_rate: 5e-7 });
    writeFileSync(eventFile, join(eventRecord(0, 1.7e9, [{ tag: "args/text_summary", text: args }]), eventRecord(1, 1.7e9 + 1, [{ tag: "train/loss", simple: 0.5 }])));

    let watch = startWatch(dir, project, key);
    watches.push(watch);
    onTestFailed(() => console.log(`watch printed:\n${watch.output()}`));
    // What is there is read at once, the last whole step included; the cut line waits.
    await expectSeries(project, key, "sft", "loss", [
      [1, 0.9],
      [2, 0.8],
    ]);
    const tbRun = await expectSeries(project, key, "dpo-beta-0.1", "train/loss", [[1, 0.5]]);
    expect(tbRun.config).toMatchObject({ beta: 0.1, loss_type: "sigmoid", learning_rate: 5e-7, import_format: "tensorboard" });

    appendFileSync(log, 'ss": 0.7}\n' + line({ step: 4, loss: 0.6 }));
    appendFileSync(eventFile, eventRecord(2, 1.7e9 + 2, [{ tag: "train/loss", simple: 0.25 }]));
    await expectSeries(project, key, "sft", "loss", [
      [1, 0.9],
      [2, 0.8],
      [3, 0.7],
      [4, 0.6],
    ]);
    await expectSeries(project, key, "dpo-beta-0.1", "train/loss", [
      [1, 0.5],
      [2, 0.25],
    ]);

    // Watch stops; training goes on writing, then ends (the Trainer's last row holds train_runtime).
    await watch.stop();
    watches.pop();
    appendFileSync(log, line({ step: 5, loss: 0.5 }) + line({ step: 6, train_runtime: 12.5 }));
    watch = startWatch(dir, project, key);
    watches.push(watch);
    const finished = await waitFor("the JSONL run finished with every step once", 60_000, async () => {
      const run = (await runsOf(project, key)).find((r) => r.name === "sft");
      return run?.status === "finished" && run.metrics.loss?.count === 5 ? run : undefined;
    });
    expect(await series(finished.id, key, "loss")).toEqual([
      [1, 0.9],
      [2, 0.8],
      [3, 0.7],
      [4, 0.6],
      [5, 0.5],
    ]);
    // Same runs after the restart: one per source.
    expect((await runsOf(project, key)).map((r) => r.name).sort()).toEqual(["dpo-beta-0.1", "sft"]);
    expect(watch.output()).toMatch(/sft: finished \(training logged its end; \d+ records\)/);
  });

  it("makes a second training written into a watched log dir a run of its own, with the config files beside the logs", { timeout: 240_000 }, async () => {
    const { project, key } = await newProject("watch");
    const out = mkdtempSync(path.join(tmpdir(), "prefscope-watch-two-"));
    const tb = path.join(out, "runs", "dpo");
    mkdirSync(tb, { recursive: true });
    writeFileSync(path.join(out, "training_args.json"), JSON.stringify({ beta: 0.25, loss_type: "sigmoid" }));
    writeFileSync(
      path.join(tb, "events.out.tfevents.1700000000.host.1.0"),
      join(eventRecord(1, 1.7e9 + 1, [{ tag: "train/loss", simple: 0.5 }]), eventRecord(2, 1.7e9 + 2, [{ tag: "train/loss", simple: 0.25 }])),
    );
    const watch = startWatch(out, project, key);
    watches.push(watch);
    onTestFailed(() => console.log(`watch printed:\n${watch.output()}`));
    const first = await expectSeries(project, key, "dpo", "train/loss", [
      [1, 0.5],
      [2, 0.25],
    ]);
    expect(first.config).toMatchObject({ beta: 0.25, loss_type: "sigmoid" });
    // (Values exact in float32, as event files hold them.) The next training starts a file of its own in the same dir, from step 1 again: its values do not replace the first's.
    const second = path.join(tb, "events.out.tfevents.1700000100.host.2.0");
    writeFileSync(second, eventRecord(0, 1.7e9 + 100, [{ tag: "args/text_summary", text: '{"beta": 0.5}' }]));
    appendFileSync(second, join(eventRecord(1, 1.7e9 + 101, [{ tag: "train/loss", simple: 0.75 }]), eventRecord(2, 1.7e9 + 102, [{ tag: "train/loss", simple: 0.125 }])));
    const next = await expectSeries(project, key, "dpo (2)", "train/loss", [
      [1, 0.75],
      [2, 0.125],
    ]);
    expect(next.config).toMatchObject({ beta: 0.5, loss_type: "sigmoid" });
    expect(await series(first.id, key, "train/loss")).toEqual([
      [1, 0.5],
      [2, 0.25],
    ]);
    expect(watch.output()).toMatch(/config for dpo: \S*training_args\.json/);
  });

  it("names the algorithm and lifts β once the config arrives after the first rows, and never replaces an algorithm", { timeout: 240_000 }, async () => {
    const { project, key } = await newProject("watch");
    const dir = mkdtempSync(path.join(tmpdir(), "prefscope-watch-late-"));
    // A TensorBoard log whose TrainingArguments summary comes after the first scalars…
    const tb = path.join(dir, "tb", "ipo");
    mkdirSync(tb, { recursive: true });
    const eventFile = path.join(tb, "events.out.tfevents.1700000000.host.1.0");
    writeFileSync(eventFile, eventRecord(1, 1.7e9 + 1, [{ tag: "train/loss", simple: 0.5 }]));
    // …and a JSONL log whose training_args.json is written once the run has begun.
    const jsonlDir = path.join(dir, "slic");
    mkdirSync(jsonlDir);
    writeFileSync(path.join(jsonlDir, "log.jsonl"), line({ step: 1, loss: 0.9 }));
    const watch = startWatch(dir, project, key);
    watches.push(watch);
    onTestFailed(() => console.log(`watch printed:\n${watch.output()}`));
    const tbRun = await expectSeries(project, key, "ipo", "train/loss", [[1, 0.5]]);
    const jsonlRun = await expectSeries(project, key, "log", "loss", [[1, 0.9]]);
    expect([tbRun.algorithm, jsonlRun.algorithm]).toEqual([null, null]);
    expect(tbRun.config.beta).toBeUndefined();

    const args = JSON.stringify({ beta: 0.25, loss_type: "ipo", learning_rate: 5e-7 });
    appendFileSync(eventFile, join(eventRecord(1, 1.7e9 + 2, [{ tag: "args/text_summary", text: args }]), eventRecord(2, 1.7e9 + 3, [{ tag: "train/loss", simple: 0.25 }])));
    writeFileSync(path.join(jsonlDir, "training_args.json"), JSON.stringify({ beta: 0.125, loss_type: "hinge" }));
    appendFileSync(path.join(jsonlDir, "log.jsonl"), line({ step: 2, loss: 0.8 }));
    const named = await waitFor("both runs named by their late config", 60_000, async () => {
      const runs = await runsOf(project, key);
      const ipo = runs.find((r) => r.name === "ipo");
      const slic = runs.find((r) => r.name === "log");
      return ipo?.algorithm && slic?.algorithm ? { ipo, slic } : undefined;
    });
    expect(named.ipo.algorithm).toBe("ipo");
    expect(named.ipo.config).toMatchObject({ beta: 0.25, loss_type: "ipo", learning_rate: 5e-7 });
    expect(named.slic.algorithm).toBe("slic");
    expect(named.slic.config).toMatchObject({ beta: 0.125, loss_type: "hinge" });

    // PATCH names an algorithm only while the run has none: the one it has stays.
    const patched = await fetch(`${baseUrl()}/api/v1/runs/${named.ipo.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ algorithm: "dpo" }),
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { algorithm: string }).algorithm).toBe("ipo");
  });
});
