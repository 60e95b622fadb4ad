import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/lib/core/db";
import { testDatabasePerFile } from "@/lib/core/db/test-database-per-file";
import { newestChangeId, pruneChanges, readChanges, readChangesSince } from "./change-rows";
import { recordChange, stepSpan } from "./record-change";

const database = testDatabasePerFile();

async function newRun(projectName = `p-${randomUUID().slice(0, 6)}`) {
  const db = database.db;
  const [project] = await queryRows<{ id: number }>(db, sql`insert into projects (name) values (${projectName}) returning id`);
  const id = randomUUID();
  await db.execute(sql`insert into runs (id, project_id, name) values (${id}, ${project!.id}, 'r')`);
  return { runId: id, projectId: Number(project!.id) };
}

describe("run changes", () => {
  it("records a change with its project, keys and steps, and reads it back by id", async () => {
    const { runId, projectId } = await newRun();
    await recordChange(database.db, { runId, kind: "metrics", keys: ["loss", "\ufeffodd name"], stepMin: 3, stepMax: 9 });
    const newest = await newestChangeId(database.db);
    const [change] = await readChanges(database.db, [newest]);
    expect(change).toEqual({ id: newest, runId, projectId, kind: "metrics", keys: ["loss", "\ufeffodd name"], stepMin: 3, stepMax: 9 });
  });

  it("replays a project's changes after `since`, and those of followed runs of any project", async () => {
    const a = await newRun();
    const b = await newRun();
    const since = await newestChangeId(database.db);
    await recordChange(database.db, { runId: a.runId, kind: "run" });
    await recordChange(database.db, { runId: b.runId, kind: "flags" });
    const ofA = await readChangesSince(database.db, { since, projectId: a.projectId, runIds: [] });
    expect(ofA!.map((c) => [c.runId, c.kind])).toEqual([[a.runId, "run"]]);
    const both = await readChangesSince(database.db, { since, projectId: a.projectId, runIds: [b.runId] });
    expect(both!.map((c) => c.kind)).toEqual(["run", "flags"]);
  });

  it("replays the seconds before `since` too (a writer may commit a smaller id late)", async () => {
    const { runId, projectId } = await newRun();
    await recordChange(database.db, { runId, kind: "run" });
    const earlier = await newestChangeId(database.db);
    await recordChange(database.db, { runId, kind: "flags" });
    const since = await newestChangeId(database.db);
    const replay = await readChangesSince(database.db, { since, projectId, runIds: [] });
    // Both were recorded within the overlap before `since`.
    expect(replay!.map((c) => c.id)).toEqual([earlier, since]);
  });

  it("cannot replay from a pruned change: null, so the viewer reads its page again", async () => {
    const { runId, projectId } = await newRun();
    await recordChange(database.db, { runId, kind: "run" });
    const old = await newestChangeId(database.db);
    await recordChange(database.db, { runId, kind: "run" });
    await database.db.execute(sql`update run_changes set created_at = now() - interval '1 day' where id = ${old}`);
    await pruneChanges(database.db);
    expect(await readChanges(database.db, [old])).toEqual([]);
    expect(await readChangesSince(database.db, { since: old, projectId, runIds: [] })).toBeNull();
    // A kept one still replays.
    const kept = await newestChangeId(database.db);
    expect(await readChangesSince(database.db, { since: kept, projectId, runIds: [] })).not.toBeNull();
  });

  it("spans the steps of a batch of any size (no spread into Math.min)", () => {
    const steps = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    expect(stepSpan(steps)).toEqual({ stepMin: 0, stepMax: 499_999 });
    expect(stepSpan([])).toEqual({});
  });

  it("rows of a deleted run go with it", async () => {
    const { runId } = await newRun();
    await recordChange(database.db, { runId, kind: "run" });
    await database.db.execute(sql`delete from runs where id = ${runId}`);
    const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from run_changes where run_id = ${runId}`);
    expect(Number(left!.n)).toBe(0);
  });
});
