/**
 * `writers` runners logging at once, each to its own run over HTTP (NDJSON batches of `batchRows` metric rows,
 * `keys` metrics a step, steps ascending per run, one request in flight per runner); aggregate rows/s.
 * Bodies are built before the clock starts, so the figure is the server's, not the senders' JSON encoding.
 */
export async function manyWritersRate(options: { url: string; key: string; project: string; writers: number; batchesPerWriter: number; batchRows: number; keys: number }) {
  const { url, key, project, writers, batchesPerWriter, batchRows, keys } = options;
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" };
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
  const runners = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const response = await fetch(`${url}/api/v1/runs`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ project, name: `writer-${w}` }),
      });
      if (!response.ok) throw new Error(`create run: ${response.status} ${await response.text()}`);
      const { id } = (await response.json()) as { id: string };
      return { id, bodies: Array.from({ length: batchesPerWriter }, (_, b) => body(b * stepsPerBatch)) };
    }),
  );
  const started = performance.now();
  await Promise.all(
    runners.map(async ({ id, bodies }) => {
      for (const payload of bodies) {
        const response = await fetch(`${url}/api/v1/runs/${id}/metrics`, { method: "POST", headers, body: payload });
        if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rate: (writers * batchesPerWriter * stepsPerBatch * keys) / seconds, rows: writers * batchesPerWriter * stepsPerBatch * keys, seconds };
}
