// A cheap read's latency while eight lab runs compute at once, against the same read on an idle server. The toy
// model runs on worker threads (lib/lab/toy-pool.ts); on the request thread, eight 5,000-step runs stalled every
// other response for ~16 s.

const LAB_RUNS = 8;
const STEPS = 5000;

async function timedRead(url: string, project: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/runs?project=${project}&limit=1`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`cheap read: ${response.status}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function benchLabBurst(url: string) {
  const project = "bench-lab";
  const headers = { "content-type": "application/json", "sec-fetch-site": "same-origin" };
  await fetch(`${url}/api/v1/projects/${project}/keys`, { method: "POST", headers, body: "{}" });
  // Warm both paths (route compilation, the worker threads) before measuring.
  const warm = await fetch(`${url}/api/v1/lab/runs`, { method: "POST", headers, body: JSON.stringify({ project, scenario: 1, algorithm: "dpo", beta: 0.1, steps: 10, seed: 0 }) });
  if (warm.status !== 201) throw new Error(`lab run: ${warm.status} ${await warm.text()}`);
  const idle: number[] = [];
  for (let i = 0; i < 30; i++) idle.push(await timedRead(url, project));

  const started = performance.now();
  let pending = LAB_RUNS;
  const burst = Array.from({ length: LAB_RUNS }, (_, i) =>
    fetch(`${url}/api/v1/lab/runs`, {
      method: "POST",
      headers,
      body: JSON.stringify({ project, name: `burst-${i}`, scenario: 1, algorithm: "dpo", beta: 0.1, steps: STEPS, seed: i }),
    }).then(async (r) => {
      pending -= 1;
      if (r.status !== 201) throw new Error(`lab run: ${r.status} ${await r.text()}`);
    }),
  );
  const during: number[] = [];
  while (pending > 0) {
    during.push(await timedRead(url, project));
    await new Promise((r) => setTimeout(r, 50));
  }
  await Promise.all(burst);
  return {
    labRuns: LAB_RUNS,
    steps: STEPS,
    burstMs: performance.now() - started,
    idleMedianMs: median(idle),
    duringMedianMs: median(during),
    duringMaxMs: Math.max(...during),
    reads: during.length,
  };
}
