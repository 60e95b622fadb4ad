import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/core/db";
import { insertRuns, openMigratedPglite, testRunId, type TestDb } from "@/lib/query/test-support";
import { claimSilentRuns } from "./silence-sweeper";

let db: TestDb;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openMigratedPglite());
  await insertRuns(db, [{ name: "silent" }, { name: "live" }, { name: "finished", status: "finished" }, { name: "deleting" }, { name: "announced" }]);
  await db.execute(sql`update runs set last_seen_at = now() - interval '10 minutes' where name <> 'live'`);
  await db.execute(sql`update runs set deleting_at = now() where name = 'deleting'`);
  await db.execute(sql`update runs set silence_notified_at = now() - interval '1 minute' where name = 'announced'`);
});

afterAll(() => close());

const changes = async () => (await db.execute(sql`select run_id, kind from run_changes order by id`)).rows;

const claim = () => claimSilentRuns(db as unknown as Db);

describe("claimSilentRuns (default times: stale 5 min, crashed 30 min)", () => {
  it("claims each running run silent past the stale time once, recording a run change for each", async () => {
    const { stale, crashed } = await claim();
    expect(stale.map((r) => [r.name, r.project])).toEqual([["silent", "query-tests"]]);
    expect(stale[0]!.silent_for_s).toBeGreaterThanOrEqual(600);
    expect(crashed).toEqual([]);
    expect(await changes()).toEqual([{ run_id: testRunId(1), kind: "run" }]);
    // Claimed: the next sweep (this instance's or another's) finds nothing to announce.
    expect(await claim()).toEqual({ stale: [], crashed: [] });
    expect(await changes()).toHaveLength(1);
  });

  it("claims a stale run once more when it crosses the crashed time (viewers only), then never again", async () => {
    await db.execute(sql`update runs set last_seen_at = now() - interval '31 minutes', silence_notified_at = now() - interval '26 minutes' where name = 'silent'`);
    expect(await claim()).toEqual({ stale: [], crashed: [testRunId(1)] });
    expect(await changes()).toHaveLength(2);
    expect(await claim()).toEqual({ stale: [], crashed: [] });
  });

  it("claims a run again once it has logged since (its announcement cleared) and gone silent again", async () => {
    await db.execute(sql`update runs set silence_notified_at = null, last_seen_at = now() - interval '6 minutes' where name = 'silent'`);
    expect((await claim()).stale.map((r) => r.name)).toEqual(["silent"]);
  });

  it("claims a run silent past both times (a server that was down) once, as stale", async () => {
    await db.execute(sql`update runs set silence_notified_at = null, last_seen_at = now() - interval '2 hours' where name = 'silent'`);
    const first = await claim();
    expect([first.stale.map((r) => r.name), first.crashed]).toEqual([["silent"], []]);
    expect(await claim()).toEqual({ stale: [], crashed: [] });
  });
});
