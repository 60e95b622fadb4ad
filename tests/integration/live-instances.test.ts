import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort, startApp, type AppServer } from "../support/app-server";
import { EventStreamClient, pointsOf } from "../support/event-stream-client";

const started: AppServer[] = [];
const streams: EventStreamClient[] = [];
afterAll(async () => {
  for (const s of streams) s.close();
  for (const app of started) await app.stop();
});

async function start(options: Parameters<typeof startApp>[0] = {}) {
  const app = await startApp(options);
  started.push(app);
  return app;
}

async function post(url: string, path: string, body: unknown, key?: string) {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

async function newRun(url: string) {
  const project = `live-${randomUUID().slice(0, 8)}`;
  const { key } = await post(url, `/api/v1/projects/${project}/keys`, { name: "t" });
  const { id } = await post(url, "/api/v1/runs", { project, name: "r" }, key);
  return { project, key, run: id as string };
}

async function follow(url: string, project: string, run: string, lastEventId?: string | null) {
  const stream = await EventStreamClient.open(`${url}/api/v1/projects/${project}/live?runs=${run}`, { lastEventId });
  streams.push(stream);
  expect(stream.status).toBe(200);
  await stream.next((e) => e.event === "ready");
  return stream;
}

const batch = (from: number, n: number) => ({ rows: Array.from({ length: n }, (_, i) => ({ step: from + i, values: { loss: from + i } })) });
const databaseUrl = inject("databaseUrl");

describe.skipIf(databaseUrl === null)("live updates across app instances on one Postgres server", () => {
  it("a viewer on instance B sees what was written through instance A, and the other way round", async () => {
    const a = { url: inject("baseUrl") };
    const b = await start({ env: { DATABASE_URL: databaseUrl! } });
    const { project, key, run } = await newRun(a.url);
    const onB = await follow(b.url, project, run);
    const onA = await follow(a.url, project, run);
    await post(a.url, `/api/v1/runs/${run}/metrics`, batch(0, 5), key);
    await onB.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").has(4));
    await post(b.url, `/api/v1/runs/${run}/metrics`, batch(5, 5), key);
    await onA.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").has(9));
    await onB.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").has(9));
    expect([...pointsOf(onB.events, run, "loss").keys()].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("live updates across a server restart", () => {
  it("a viewer that reconnects after the restart gets what was written meanwhile, without gaps", async () => {
    const port = await freePort();
    const env = databaseUrl ? { DATABASE_URL: databaseUrl } : {};
    let app = await start({ port, env });
    const { project, key, run } = await newRun(app.url);
    const viewer = await follow(app.url, project, run);
    await post(app.url, `/api/v1/runs/${run}/metrics`, batch(0, 10), key);
    await viewer.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").has(9));
    const seenBefore = viewer.events.length;
    await app.stop();
    // The stream ends with the server.
    await expect(viewer.next((e) => e.event === "never", seenBefore)).rejects.toThrow();
    app = await start({ port, env, dataDir: app.dataDir ?? undefined });
    // Written before the viewer is back: what a reconnect must not miss.
    for (let s = 10; s < 30; s += 10) await post(app.url, `/api/v1/runs/${run}/metrics`, batch(s, 10), key);
    const again = await follow(app.url, project, run, viewer.lastId);
    await again.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").has(29));
    const merged = pointsOf([...viewer.events, ...again.events], run, "loss");
    expect([...merged.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
