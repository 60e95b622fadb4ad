// Lab runs compute the toy model on worker threads, with a bounded queue: a burst of them leaves the server
// answering other requests, and past the bound a lab run gets 503 with Retry-After and stores nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { baseUrl } from "./api-client";

const databaseUrl = inject("databaseUrl");

const labRun = (base: string, project: string, name: string, steps: number) =>
  fetch(`${base}/api/v1/lab/runs`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ project, name, scenario: 1, algorithm: "dpo", beta: 0.1, steps, seed: 1 }),
  });

async function newProject(base: string): Promise<string> {
  const project = `lab-${randomUUID().slice(0, 8)}`;
  const created = await fetch(`${base}/api/v1/projects/${project}/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: "{}",
  });
  expect(created.status).toBe(201);
  return project;
}

const runNames = async (base: string, project: string) =>
  ((await (await fetch(`${base}/api/v1/runs?project=${project}&limit=100`)).json()) as { runs: { name: string; status: string }[] }).runs.map((r) => r.name).sort();

describe("lab runs", () => {
  it("eight at once: a cheap read completes meanwhile, and every lab run is stored whole", { timeout: 180_000 }, async () => {
    const project = await newProject(baseUrl());
    const burst = Array.from({ length: 8 }, (_, i) => labRun(baseUrl(), project, `burst-${i}`, 1000));
    await new Promise((r) => setTimeout(r, 200));
    const read = await fetch(`${baseUrl()}/api/v1/runs?project=${project}&limit=1`);
    expect(read.status).toBe(200);
    const responses = await Promise.all(burst);
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { run: { name: string; status: string } }[];
    expect(bodies.every((b) => b.run.status === "finished")).toBe(true);
    expect(await runNames(baseUrl(), project)).toEqual(Array.from({ length: 8 }, (_, i) => `burst-${i}`));
    const series = await (await fetch(`${baseUrl()}/api/v1/runs/${(bodies[0]!.run as unknown as { id: string }).id}/metrics?keys=loss&max_points=100000`)).json();
    expect(series.series[0].points).toHaveLength(1001);
  });
});

describe("lab runs past the queue bound", () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await startApp({ env: { PREFSCOPE_LAB_WORKERS: "1", PREFSCOPE_LAB_QUEUE: "1", PREFSCOPE_RATE_LIMIT_RPS: "0", ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("get 503 with Retry-After and store nothing; the ones let in are stored", { timeout: 180_000 }, async () => {
    const project = await newProject(app.url);
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => labRun(app.url, project, `queued-${i}`, 3000)));
    const statuses = responses.map((r) => r.status);
    const refused = responses.filter((r) => r.status === 503);
    // One computing and one waiting at any time: of six sent at once, at least the last few are turned away.
    expect(refused.length, statuses.join(",")).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    for (const response of refused) {
      expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect(await response.json()).toMatchObject({ error: { code: "unavailable", message: expect.stringMatching(/lab is busy/) } });
    }
    const accepted = responses.flatMap((r, i) => (r.status === 201 ? [`queued-${i}`] : []));
    expect(await runNames(app.url, project)).toEqual(accepted.sort());
    // Once the burst is over the lab takes runs again.
    expect((await labRun(app.url, project, "after", 10)).status).toBe(201);
    expect(app.output()).not.toMatch(/unexpected error/);
  });
});
