import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockPath } from "@/lib/core/db/embedded-lock";
import { freePort, startApp, type AppServer } from "../support/app-server";
import { createProjectKey, expectFlagsCurrent, expectRunStored, storedCounts, waitFor } from "../support/fault-checks";
import { Gate, makeClientData, runPythonClient, runTsClient, stopPythonClients, type ClientTarget } from "../support/fault-clients";
import { createTestDatabase } from "../support/test-database";

// Fault: `kill -9` of the app server while eight clients (four Python processes, four TypeScript clients in this
// process) log their own runs; the server restarts on the same data and port, the clients retry on their own.
const STEPS = 2500;
const CLIENTS = 8;
const KILLS = 2;
/** Every client waits at this step until the first kill: by construction, all of them are mid-run when it hits. */
const GATE_STEP = 1000;

describe("kill -9 of the app server during ingest", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> = null;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("loses and duplicates nothing: every row of 8 clients' runs is stored once, and the flags match the data", async () => {
    const started = Date.now();
    const port = await freePort();
    const env = { PREFSCOPE_FLAGS_DEBOUNCE_MS: "100", ...(database ? { DATABASE_URL: database.url } : {}) };
    let app: AppServer = await startApp({ port, env });
    const dataDir = app.dataDir ?? undefined;
    try {
      const project = `faults-kill-${randomUUID().slice(0, 8)}`;
      const apiKey = await createProjectKey(app.url, project);
      const clients = Array.from({ length: CLIENTS }, (_, i) => ({ id: randomUUID(), data: makeClientData(i, STEPS), python: i < CLIENTS / 2 }));
      const ids = clients.map((c) => c.id);
      const gate = new Gate(GATE_STEP);
      const target = (id: string): ClientTarget => ({ url: app.url, apiKey, project, id, pauseMs: 40, every: 25, finishTimeoutMs: 180_000, gate });
      const finished = clients.map((c) => (c.python ? runPythonClient : runTsClient)(target(c.id), c.data));

      // The first kill comes once every client waits at the gate with the steps before it stored; the gate opens
      // while the server is dead, so the clients log on into the outage. The second kill comes as soon as the
      // restarted server has stored more, while the clients send what piled up meanwhile.
      const atKill: number[][] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        const before = atKill.at(-1);
        atKill.push(
          await waitFor(`rows stored before kill ${kill + 1}`, 60_000, async () => {
            const counts = await storedCounts(app.url, project, ids);
            const ready = before ? counts.some((n, i) => n > before[i]!) : gate.arrived.size === CLIENTS && counts.every((n) => n === GATE_STEP);
            return ready ? counts : undefined;
          }),
        );
        const oldPid = app.process.pid!;
        await app.stop("SIGKILL");
        if (dataDir) {
          // kill -9 runs no exit handler: the lock names the dead server, and must not keep the next one out.
          expect(JSON.parse(readFileSync(lockPath(dataDir), "utf8")).pid).toBe(oldPid);
        }
        gate.open();
        app = await startApp({ port, dataDir, env });
      }
      // Every client was held at the gate, so the first kill met each run with exactly the steps before it.
      expect(atKill[0]).toEqual(Array(CLIENTS).fill(GATE_STEP));

      const results = await Promise.all(finished);
      for (const result of results) expect(result.delivered, result.output).toBe(true);
      let rows = 0;
      for (const client of clients) {
        rows += await expectRunStored(app.url, client.id, client.data);
        await expectFlagsCurrent(app.url, client.id, client.data);
      }
      expect(rows).toBe(CLIENTS * (3 * STEPS + clients[0]!.data.sequences.length));
      console.log(
        `[faults-kill] ${database ? "postgres" : "pglite"}: ${KILLS} kills at ${atKill.map((c) => c.join("/")).join(" and ")} rows, ${rows} rows checked, ${Date.now() - started} ms`,
      );
    } finally {
      stopPythonClients();
      await app.stop();
    }
  }, 240_000); // state waits only; generous for a loaded machine (eight clients and two restarts)

  it("recomputes after a restart the flags a killed server still owed (no further write needed)", async () => {
    const port = await freePort();
    const env = database ? { DATABASE_URL: database.url } : {};
    // A debounce longer than the test: the first server never gets to recompute before it dies.
    let app: AppServer = await startApp({ port, env: { ...env, PREFSCOPE_FLAGS_DEBOUNCE_MS: "600000" } });
    const dataDir = app.dataDir ?? undefined;
    try {
      const project = `faults-flags-${randomUUID().slice(0, 8)}`;
      const apiKey = await createProjectKey(app.url, project);
      const data = makeClientData(0, 1000);
      const id = randomUUID();
      const post = (path: string, body: unknown, method = "POST") =>
        fetch(`${app.url}${path}`, { method, headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect((await post("/api/v1/runs", { id, project, name: data.name, algorithm: "dpo", config: data.config })).status).toBe(201);
      expect((await post(`/api/v1/runs/${id}/metrics`, { batch_id: "m1", rows: data.metrics })).status).toBe(200);
      expect((await post(`/api/v1/runs/${id}/sequences`, { batch_id: "s1", rows: data.sequences })).status).toBe(200);
      expect((await post(`/api/v1/runs/${id}`, { status: "finished" }, "PATCH")).status).toBe(200);
      const pending = await (await fetch(`${app.url}/api/v1/runs/${id}`)).json();
      expect(pending.flags_computed_at).toBeNull();

      await app.stop("SIGKILL");
      app = await startApp({ port, dataDir, env: { ...env, PREFSCOPE_FLAGS_DEBOUNCE_MS: "100" } });
      const flags = await expectFlagsCurrent(app.url, id, data);
      expect(flags.length).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  }, 60_000);
});
