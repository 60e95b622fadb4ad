// Run health on an app of the file's own with a short stale time (2 s) and a fast sweep (0.2 s): a run that stops
// logging shows as stale in the run API, the runs list and the runs table; its project's webhook hears it once;
// logging again or a heartbeat brings it back. Every wait is for a state, polled, with a generous overall bound.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { init } from "@/clients/ts";
import { startApp, type AppServer } from "../support/app-server";

const databaseUrl = inject("databaseUrl");

let app: AppServer;

beforeAll(async () => {
  app = await startApp({
    env: {
      PREFSCOPE_RUN_STALE_AFTER_S: "2",
      PREFSCOPE_RUN_CRASHED_AFTER_S: "600",
      PREFSCOPE_RUN_HEALTH_SWEEP_S: "0.2",
      PREFSCOPE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
      PREFSCOPE_WEBHOOK_RETRY_MS: "100",
      PREFSCOPE_RATE_LIMIT_RPS: "0",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

type Message = { text: string; prefscope: { event: string; run_id: string; run_name: string; project: string; last_seen_at: string; link: string } };

async function receiver(): Promise<{ url: string; messages: Message[]; server: Server }> {
  const messages: Message[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      messages.push(JSON.parse(body) as Message);
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`, messages, server };
}

async function api(method: string, route: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${app.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as any) : null };
}

async function project(webhookUrl?: string): Promise<{ name: string; key: string }> {
  const name = `health-${randomUUID().slice(0, 8)}`;
  const key = (await api("POST", `/api/v1/projects/${name}/keys`, { name: "t" })).body.key as string;
  if (webhookUrl) expect((await api("PATCH", `/api/v1/projects/${name}`, { webhook_url: webhookUrl })).status).toBe(200);
  return { name, key };
}

async function newRun(p: { name: string; key: string }, name: string): Promise<string> {
  const created = await api("POST", "/api/v1/runs", { project: p.name, name }, p.key);
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function log(run: string, key: string, step: number): Promise<void> {
  expect((await api("POST", `/api/v1/runs/${run}/metrics`, { rows: [{ step, values: { loss: 1 / (step + 1) } }] }, key)).status).toBe(200);
}

const health = async (run: string) => (await api("GET", `/api/v1/runs/${run}`)).body.health as string | null;

/** Polls until `check` holds; the bound only ends a failing test (nothing is asserted after a fixed sleep). */
async function waitFor<T>(check: () => Promise<T> | T, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const about = (messages: Message[], run: string) => messages.filter((m) => m.prefscope.run_id === run);

describe("run health", () => {
  it("shows a run that stopped logging as stale, tells the webhook once, and takes it back when it logs again", async () => {
    const hook = await receiver();
    try {
      const p = await project(hook.url);
      const run = await newRun(p, "quiet <!channel>");
      await log(run, p.key, 0);
      const fresh = (await api("GET", `/api/v1/runs/${run}`)).body;
      expect(fresh.status).toBe("running");
      expect(["live", "stale"]).toContain(fresh.health); // live unless this machine took 2 s to answer

      await waitFor(async () => (await health(run)) === "stale", "the run to show as stale");
      const listed = (await api("GET", `/api/v1/runs?project=${p.name}&q=${encodeURIComponent("health = stale")}`)).body.runs as { id: string; health: string }[];
      expect(listed.map((r) => [r.id, r.health])).toEqual([[run, "stale"]]);
      const table = (await api("GET", `/api/v1/projects/${p.name}/runs-table`)).body.runs as { id: string; health: string; last_seen_at: string }[];
      expect(table.map((r) => [r.id, r.health])).toEqual([[run, "stale"]]);

      await waitFor(() => about(hook.messages, run).length > 0, "the silence message");
      const [message] = about(hook.messages, run);
      expect(message!.prefscope).toMatchObject({ event: "run_silent", run_id: run, run_name: "quiet <!channel>", project: p.name, last_seen_at: table[0]!.last_seen_at });
      expect(message!.prefscope.link).toBe(`${app.url}/p/${p.name}/runs/${run}`);
      expect(message!.text).toContain("quiet &lt;!channel&gt;");

      // A second run goes silent after the first one's message came: its own message comes from a later sweep,
      // which would have announced the first run again had its claim not held.
      const later = await newRun(p, "later");
      await waitFor(() => about(hook.messages, later).length > 0, "the second run's silence message");
      expect(about(hook.messages, run)).toHaveLength(1);

      // Logging again: live at once, and the announcement is cleared, so the next silence is announced again.
      await log(run, p.key, 1);
      expect(await health(run)).toBe("live");
      await waitFor(() => about(hook.messages, run).length === 2, "the second silence's message");
      expect(hook.messages.map((m) => m.prefscope.run_id)).toEqual([run, later, run]);
    } finally {
      hook.server.close();
    }
  });

  it("keeps a heartbeating run live while a silent one goes stale, and a heartbeat brings a stale run back", async () => {
    const p = await project();
    const beating = await newRun(p, "beating");
    const silent = await newRun(p, "silent");
    let beats = 0;
    await waitFor(async () => {
      const beat = await api("POST", `/api/v1/runs/${beating}/heartbeat`, undefined, p.key);
      expect(beat.body).toMatchObject({ ok: true, status: "running", health: "live" });
      beats += 1;
      return (await health(silent)) === "stale";
    }, "the silent run to go stale");
    expect(beats).toBeGreaterThan(1);
    expect(await health(beating)).toBe("live");
    const q = (expr: string) => api("GET", `/api/v1/runs?project=${p.name}&q=${encodeURIComponent(expr)}`).then((r) => (r.body.runs as { id: string }[]).map((x) => x.id));
    expect(await q("health = stale")).toEqual([silent]);
    expect(await q("health = live")).toEqual([beating]);

    const back = await api("POST", `/api/v1/runs/${silent}/heartbeat`, {}, p.key);
    expect(back.status).toBe(200);
    expect(back.body.health).toBe("live");
    expect(await health(silent)).toBe("live");

    // A finished run has no health however long it is silent.
    expect((await api("PATCH", `/api/v1/runs/${beating}`, { status: "finished" }, p.key)).body.health).toBeNull();
  });

  it("refuses a heartbeat without a key, from another project's key, or with a body other than {}", async () => {
    const p = await project();
    const other = await project();
    const run = await newRun(p, "r");
    expect((await api("POST", `/api/v1/runs/${run}/heartbeat`)).status).toBe(401);
    expect((await api("POST", `/api/v1/runs/${run}/heartbeat`, {}, other.key)).status).toBe(403);
    const extra = await api("POST", `/api/v1/runs/${run}/heartbeat`, { step: 3 }, p.key);
    expect(extra.status).toBeGreaterThanOrEqual(400);
    expect(extra.status).toBeLessThan(500);
    expect(JSON.stringify(extra.body)).toContain("step");
    expect((await api("POST", `/api/v1/runs/${randomUUID()}/heartbeat`, undefined, p.key)).status).toBe(404);
  });

  it("the TypeScript client's heartbeat keeps a quiet run live until it finishes", async () => {
    const p = await project();
    const silent = await newRun(p, "silent");
    const run = init({
      project: p.name,
      name: "ts-quiet",
      url: app.url,
      apiKey: p.key,
      spoolDir: mkdtempSync(path.join(tmpdir(), "prefscope-health-")),
      settings: { heartbeatIntervalMs: 200 },
    });
    expect(await run.flush(20_000)).toBe(true);
    const created = (await api("GET", `/api/v1/runs/${run.id}`)).body.last_seen_at as string;
    await waitFor(async () => Date.parse((await api("GET", `/api/v1/runs/${run.id}`)).body.last_seen_at) > Date.parse(created), "a heartbeat to arrive");
    await waitFor(async () => (await health(silent)) === "stale", "the silent run to go stale");
    expect(await health(run.id)).toBe("live");
    expect(run.heartbeat!.failed).toBe(0);
    expect(await run.finish("finished", 20_000)).toBe(true);
    expect((await api("GET", `/api/v1/runs/${run.id}`)).body).toMatchObject({ status: "finished", health: null });
    // Stopped: while a run created now goes stale (2 s, ten heartbeat intervals), the count does not move.
    const sent = run.heartbeat!.sent;
    const after = await newRun(p, "after");
    await waitFor(async () => (await health(after)) === "stale", "a run created after finish() to go stale");
    expect(run.heartbeat!.sent).toBe(sent);
  });
});
