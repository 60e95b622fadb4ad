import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { createProjectKey, expectFlagsCurrent, expectRunStored, storedCounts, waitFor } from "../support/fault-checks";
import { Gate, makeClientData, runPythonClient, runTsClient, stopPythonClients, type ClientTarget } from "../support/fault-clients";
import { localCluster } from "../support/fault-postgres";
import { createTestDatabase } from "../support/test-database";

// Fault: the Postgres server stops (fast shutdown: sessions killed mid-transaction) and starts again while four
// clients (two Python, two TypeScript) log. The app answers 503 with Retry-After meanwhile; nothing is lost.
const STEPS = 2500;
const CLIENTS = 4;
/** At least this long without a database, so every client meets the outage and backs off. */
const OUTAGE_MS = 2500;
/** Every client waits at this step until the database is down: by construction, all of them are mid-run. */
const GATE_STEP = 1000;

const cluster = localCluster(process.env.DATABASE_URL);
const unusable = "unusable" in cluster ? cluster.unusable : null;
if (unusable) console.warn(`[faults-postgres] skipped: ${unusable}`);

describe.skipIf(unusable !== null)("the Postgres server stops and starts during ingest", () => {
  const pg = cluster as Exclude<typeof cluster, { unusable: string }>;
  // Whatever happens in the test, the rest of the suite needs the server back.
  afterAll(() => {
    if (!pg.online()) pg.start();
  });

  it("answers 503 with Retry-After while it is away, and every client's rows land once it is back", async () => {
    const started = Date.now();
    const database = (await createTestDatabase())!;
    let app: AppServer | null = null;
    try {
      app = await startApp({ env: { DATABASE_URL: database.url, PREFSCOPE_FLAGS_DEBOUNCE_MS: "100" } });
      const url = app.url;
      const project = `faults-pg-${randomUUID().slice(0, 8)}`;
      const apiKey = await createProjectKey(url, project);
      const write = (path: string, body: unknown) =>
        fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      const probeRun = randomUUID();
      expect((await write("/api/v1/runs", { id: probeRun, project, name: "probe" })).status).toBe(201);
      const probeBatch = { batch_id: "probe-1", rows: [{ step: 0, values: { probe: 1 } }] };

      const clients = Array.from({ length: CLIENTS }, (_, i) => ({ id: randomUUID(), data: makeClientData(i, STEPS), python: i % 2 === 0 }));
      const ids = clients.map((c) => c.id);
      const gate = new Gate(GATE_STEP);
      const target = (id: string): ClientTarget => ({ url, apiKey, project, id, pauseMs: 40, every: 25, finishTimeoutMs: 180_000, gate });
      const finished = clients.map((c) => (c.python ? runPythonClient : runTsClient)(target(c.id), c.data));
      const atStop = await waitFor("every client at the gate with the steps before it stored", 60_000, async () => {
        const counts = await storedCounts(url, project, ids);
        return gate.arrived.size === CLIENTS && counts.every((n) => n === GATE_STEP) ? counts : undefined;
      });

      const outputBefore = app.output().length;
      pg.stop();
      // The clients log on into the outage.
      gate.open();
      const downAt = Date.now();
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      // Probing reads and writes for the whole outage: each must be a 503 that says when to come back.
      while (Date.now() - downAt < OUTAGE_MS || statuses.length < 4) {
        for (const response of [await write(`/api/v1/runs/${probeRun}/metrics`, probeBatch), await fetch(`${url}/api/v1/runs?project=${project}`)]) {
          statuses.push(response.status);
          retryAfter ??= response.headers.get("retry-after");
          await response.body?.cancel();
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      pg.start();
      expect(new Set(statuses), `statuses while the database was down: ${statuses}`).toEqual(new Set([503]));
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Every client was held at the gate: the stop met each run with exactly the steps before it.
      expect(atStop).toEqual(Array(CLIENTS).fill(GATE_STEP));

      const results = await Promise.all(finished);
      for (const result of results) expect(result.delivered, result.output).toBe(true);
      // Every request the clients made during the outage was answered as a retryable 503, never a bare 500.
      expect(app.output().slice(outputBefore)).not.toContain("unexpected error");
      let rows = 0;
      for (const client of clients) {
        rows += await expectRunStored(url, client.id, client.data);
        await expectFlagsCurrent(url, client.id, client.data);
      }
      // The probe batch refused during the outage was not half-applied: sent again, it lands once.
      const again = await write(`/api/v1/runs/${probeRun}/metrics`, probeBatch);
      expect(await again.json()).toEqual({ accepted: 1 });
      expect((await storedCounts(url, project, [probeRun], "probe"))[0]).toBe(1);
      console.log(`[faults-postgres] ${statuses.length} probes answered 503 over ${OUTAGE_MS} ms; ${rows} rows checked; ${Date.now() - started} ms`);
    } finally {
      if (!pg.online()) pg.start();
      stopPythonClients();
      await app?.stop();
      await database.drop();
    }
  }, 240_000); // state waits only; generous for a loaded machine
});
