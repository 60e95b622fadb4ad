// Webhook targets (SSRF): without the site admin's allow list the server posts to no loopback, link-local, private
// or unspecified address, however it is spelled or whichever name resolves to it; and it follows no redirect.
// Receivers here listen on loopback only: the suite's own app allows 127.0.0.1 (tests/support/global-setup.ts);
// the refusals run on an app of the test's own started without the allow list.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { toyRunRows } from "@/lib/demo/toy-records";
import { runToyModel } from "@/lib/toy-model";
import { startApp, type AppServer } from "../support/app-server";
import { baseUrl } from "./api-client";

const databaseUrl = inject("databaseUrl");

type Receiver = { url: string; requests: { method: string; path: string }[]; server: Server };

async function receiver(answer: (req: IncomingMessage, res: ServerResponse) => void = (_q, s) => s.writeHead(200).end("ok")): Promise<Receiver> {
  const requests: Receiver["requests"] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "" });
    req.resume();
    req.on("end", () => answer(req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, server };
}

async function api(base: string, method: string, path: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A project whose webhook is `webhookUrl`, and a DPO toy run in it that raises a drastic-drop flag. */
async function flaggedRunWithWebhook(base: string, webhookUrl: string): Promise<string> {
  const project = `hook-${randomUUID().slice(0, 8)}`;
  const key = (await api(base, "POST", `/api/v1/projects/${project}/keys`, { name: "t" })).body.key as string;
  const patched = await api(base, "PATCH", `/api/v1/projects/${project}`, { webhook_url: webhookUrl });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const toy = runToyModel({ scenario: 1, algorithm: "dpo", beta: 0.1, steps: 200, sequencesEvery: 5 });
  const run = (await api(base, "POST", "/api/v1/runs", { project, name: "hooked <!channel>", algorithm: toy.algorithm, config: toy.config }, key)).body.id as string;
  const { metrics, sequences } = toyRunRows(toy);
  expect((await api(base, "POST", `/api/v1/runs/${run}/metrics`, { rows: metrics }, key)).status).toBe(200);
  expect((await api(base, "POST", `/api/v1/runs/${run}/sequences`, { rows: sequences }, key)).status).toBe(200);
  return run;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The run's flags once they are computed from everything written to it. */
async function waitForFlags(base: string, run: string): Promise<unknown[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const body = (await api(base, "GET", `/api/v1/runs/${run}`)).body;
    if (body.flags_current) return body.flags as unknown[];
    if (Date.now() > deadline) throw new Error(`flags of ${run} not computed`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("webhook redirects", () => {
  it("are not followed, not even to an allowed address", async () => {
    const target = await receiver();
    const redirecting = await receiver((_req, res) => res.writeHead(307, { location: `${target.url}/moved` }).end());
    try {
      await flaggedRunWithWebhook(baseUrl(), `${redirecting.url}/hook`);
      // The first attempt and at least one retry (100 ms apart in the suite's app) came and were redirected. A
      // followed redirect would have reached the target within the first attempt, before the retry was sent.
      await waitFor(() => redirecting.requests.length >= 2, "the webhook's attempts");
      expect(target.requests).toEqual([]);
    } finally {
      target.server.close();
      redirecting.server.close();
    }
  });
});

describe("webhook targets without an allow list", () => {
  let app: AppServer;

  beforeAll(async () => {
    app = await startApp({
      env: {
        PREFSCOPE_WEBHOOK_ALLOW_HOSTS: "",
        PREFSCOPE_FLAGS_DEBOUNCE_MS: "100",
        PREFSCOPE_WEBHOOK_RETRY_MS: "100",
        PREFSCOPE_RATE_LIMIT_RPS: "0",
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    "http://127.0.0.1:9/hook",
    "http://127.1:9/hook",
    "http://0x7f000001:9/hook",
    "http://2130706433:9/hook",
    "http://0177.0.0.1:9/hook",
    "http://[::1]:9/hook",
    "http://[::ffff:127.0.0.1]:9/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00::1]/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.1/hook",
    "http://0.0.0.0:9/hook",
  ])("refuses to save %s (422 naming webhook_url)", async (url) => {
    const project = `hook-${randomUUID().slice(0, 8)}`;
    await api(app.url, "POST", `/api/v1/projects/${project}/keys`, { name: "t" });
    const response = await api(app.url, "PATCH", `/api/v1/projects/${project}`, { webhook_url: url });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(["webhook_url"]);
    expect(response.body.error.message).toMatch(/not a public address/);
    expect((await api(app.url, "GET", `/api/v1/projects/${project}`)).body.settings.webhook_url).toBeUndefined();
  });

  it("sends nothing to a name that resolves to loopback (localhost), and says why in the log", async () => {
    const hook = await receiver();
    try {
      const port = new URL(hook.url).port;
      const run = await flaggedRunWithWebhook(app.url, `http://localhost:${port}/hook`);
      // One refusal per flag the run raised, each decided before anything is sent: once all are in the log,
      // every delivery there will be has ended.
      const flags = await waitForFlags(app.url, run);
      expect(flags.length).toBeGreaterThan(0);
      // An earlier computation (the metrics before the sequences) may have raised a flag at another severity and
      // been refused too: wait for each final flag's own refusal.
      const refused = (f: { property: string; severity: string }) => app.output().includes(`webhook for run ${run} (${f.property}, ${f.severity}) refused`);
      await waitFor(() => (flags as { property: string; severity: string }[]).every(refused), "a refusal per flag in the server's log");
      expect(hook.requests).toEqual([]);
      expect(app.output()).toMatch(/refused: localhost resolves to 127\.0\.0\.1, which is not a public address \(loopback\)/);
      // Refused is final: no retries (one refusal per flag the run raised).
      expect(app.output().match(new RegExp(`webhook for run ${run} \\(\\w+, \\w+\\) failed`, "g"))).toBeNull();
    } finally {
      hook.server.close();
    }
  });
});
