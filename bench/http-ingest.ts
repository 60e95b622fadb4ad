/** Sends `total` metric rows to one run in batches of `batchRows`, `concurrency` requests in flight; rows/s. */
export async function httpIngestRate(options: { url: string; key: string; project: string; total: number; batchRows: number; keys: number; concurrency: number }) {
  const { url, key, project, total, batchRows, keys, concurrency } = options;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" };
  const runs: string[] = [];
  for (let i = 0; i < concurrency; i++) {
    const response = await fetch(`${url}/api/v1/runs`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ project, name: `bench-${batchRows}-${i}` }),
    });
    runs.push(((await response.json()) as { id: string }).id);
  }
  const stepsPerBatch = Math.max(1, Math.floor(batchRows / keys));
  const names = Array.from({ length: keys }, (_, k) => `metric/${k}`);
  const body = (firstStep: number) => {
    const lines: string[] = [];
    for (let s = 0; s < stepsPerBatch; s++) {
      const values: Record<string, number> = {};
      for (const name of names) values[name] = Math.random();
      lines.push(JSON.stringify({ step: firstStep + s, values }));
    }
    return lines.join("\n");
  };
  const batches = Math.ceil(total / (stepsPerBatch * keys));
  const bodies = Array.from({ length: batches }, (_, b) => body(Math.floor(b / concurrency) * stepsPerBatch));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    runs.map(async (run) => {
      while (next < bodies.length) {
        const payload = bodies[next++]!;
        const response = await fetch(`${url}/api/v1/runs/${run}/metrics`, { method: "POST", headers, body: payload });
        if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return (batches * stepsPerBatch * keys) / seconds;
}
