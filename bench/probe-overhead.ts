// The client probe's cost to a training loop (issue 15: "128 pairs every 50 steps"): bench/probe_overhead.py trains
// the example runner's tiny GPT with a PairProbe logging to this bench's app, and reports a step's and a probe call's
// median time. Needs torch in /usr/bin/python3 (BENCH_PROBE_PYTHON names another); without it the section says so and
// is skipped.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { startApp } from "../tests/support/app-server";
import { heading, line, ms } from "./report";

const PYTHON = process.env.BENCH_PROBE_PYTHON ?? "/usr/bin/python3"; // another interpreter, to measure or to see the skip
const EVERY = 50;
const TARGET = 0.15;

interface ProbeFigures {
  device: string;
  torch: string;
  model: string;
  batch_size: number;
  probe_pairs: number;
  probe_batch_size: number;
  steps: number;
  calls: number;
  step_s: number;
  probe_s: number;
  delivered: boolean;
}

function runScript(env: Record<string, string>): Promise<ProbeFigures> {
  const script = path.resolve(import.meta.dirname, "probe_overhead.py");
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`probe_overhead.py exited ${code}:\n${err.slice(-3000)}`));
      else resolve(JSON.parse(last) as ProbeFigures);
    });
  });
}

/** Prints a probe call's time, a training step's, and the overhead at one probe every 50 steps against ≤ 15%. */
export async function benchProbeOverhead(databaseUrl: string | null): Promise<void> {
  const torch = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  if (torch.status !== 0) {
    heading(`Probe overhead: SKIPPED — ${PYTHON} cannot import torch (${torch.error?.message ?? torch.stderr.trim().split("\n").at(-1)}); install torch there to measure it.`);
    return;
  }
  const app = await startApp({ env: databaseUrl ? { DATABASE_URL: databaseUrl } : {} });
  try {
    const keyResponse = await fetch(`${app.url}/api/v1/projects/bench-probe/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    const { key } = (await keyResponse.json()) as { key: string };
    const f = await runScript({ PREFSCOPE_URL: app.url, PREFSCOPE_API_KEY: key });
    heading(
      `Probe overhead: the example runner's ${f.model} (torch ${f.torch}, ${f.device}), DPO batches of ${f.batch_size}; a PairProbe of ${f.probe_pairs} pairs (batches of ${f.probe_batch_size}) logging to the app:`,
    );
    line(`training step (median of ${f.steps})`, ms(f.step_s * 1000), "forward of policy and reference, backward, AdamW");
    line(`probe.log call (median of ${f.calls})`, ms(f.probe_s * 1000), "scoring the pairs and queueing their rows (sent by the client's thread)");
    const overhead = f.probe_s / (EVERY * f.step_s);
    line(
      `overhead, one probe every ${EVERY} steps`,
      `${(overhead * 100).toFixed(1)}%`,
      `probe call ÷ ${EVERY} steps; server had every row: ${f.delivered ? "yes" : "NO"}`,
      `≤ ${TARGET * 100}%`,
      overhead <= TARGET && f.delivered,
    );
  } finally {
    await app.stop();
  }
}
