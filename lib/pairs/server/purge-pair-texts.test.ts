import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/lib/core/db";
import { testDatabasePerFile } from "@/lib/core/db/test-database-per-file";
import { storePairTexts } from "./pair-texts";
import { deleteRunPairLinks } from "./purge-pair-texts";

const database = testDatabasePerFile();
const pair = (id: string, tag = id) => ({ pair_id: id, prompt: `Prompt ${tag}`, chosen: `Good ${tag}`, rejected: `Bad ${tag}` });

async function newRun(): Promise<string> {
  const db = database.db;
  const [project] = await queryRows<{ id: number }>(db, sql`insert into projects (name) values (${`p-${randomUUID().slice(0, 8)}`}) returning id`);
  const id = randomUUID();
  await db.execute(sql`insert into runs (id, project_id, name) values (${id}, ${project!.id}, 'r')`);
  return id;
}

const prompts = async () => (await queryRows<{ prompt: string }>(database.db, sql`select prompt from pair_texts order by prompt`)).map((r) => r.prompt);
const linkedPrompt = async (runId: string, pairId: string) =>
  (
    await queryRows<{ prompt: string }>(
      database.db,
      sql`select t.prompt from run_pairs r join pair_texts t on t.hash = r.text_hash where r.run_id = ${runId} and r.pair_id = ${pairId}`,
    )
  )[0]?.prompt;

describe("deleteRunPairLinks", () => {
  it("removes the run's links batch by batch, and with them the texts no other run links", async () => {
    const [doomed, kept] = [await newRun(), await newRun()];
    await storePairTexts({ db: database.db, runId: doomed, pairs: [pair("a"), pair("b"), pair("c"), pair("d", "a")] });
    await storePairTexts({ db: database.db, runId: kept, pairs: [pair("b"), pair("x", "c")] });
    // Batches of one: after each, what the run still links and what other runs link stays.
    const counts: number[] = [];
    for (let n = -1; n !== 0;) counts.push((n = await deleteRunPairLinks(database.db, doomed, 1)));
    expect(counts).toEqual([1, 1, 1, 1, 0]);
    expect(await prompts()).toEqual(["Prompt b", "Prompt c"]);
    expect(await linkedPrompt(kept, "x")).toBe("Prompt c");
    expect(await deleteRunPairLinks(database.db, kept, null)).toBe(2);
    expect(await prompts()).toEqual([]);
  });

  it("a text removed with its last link is stored again by a later ingest", async () => {
    const [doomed, later] = [await newRun(), await newRun()];
    await storePairTexts({ db: database.db, runId: doomed, pairs: [pair("a")] });
    expect(await deleteRunPairLinks(database.db, doomed, null)).toBe(1);
    expect(await prompts()).toEqual([]);
    await storePairTexts({ db: database.db, runId: later, pairs: [pair("a")] });
    expect(await linkedPrompt(later, "a")).toBe("Prompt a");
  });

  // On PGlite one connection runs one transaction at a time, so an ingest and a purge cannot interleave there.
  it("keeps a text an ingest is linking meanwhile (Postgres server: concurrent transactions)", async (context) => {
    if (database.driver !== "postgres") context.skip();
    const db = database.db;
    const [doomed, other] = [await newRun(), await newRun()];
    await storePairTexts({ db, runId: doomed, pairs: [pair("t")] });
    await storePairTexts({ db, runId: other, pairs: [pair("p", "old")] });
    // Hold other's link row, so the ingest below stops after locking the text, before it links it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    const blocker = db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from run_pairs where run_id = ${other} and pair_id = 'p' for update`);
      holding();
      await held;
    });
    await isHolding;
    const ingest = storePairTexts({ db, runId: other, pairs: [pair("p", "t")] });
    // Waits on the state: the ingest's statement blocked on the held row lock.
    for (;;) {
      const waiting = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%insert into run_pairs%'`,
      );
      if (Number(waiting[0]!.n) > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await deleteRunPairLinks(db, doomed, null)).toBe(1);
    release();
    await blocker;
    await ingest;
    expect(await linkedPrompt(other, "p")).toBe("Prompt t");
    expect(await linkedPrompt(doomed, "t")).toBeUndefined();
  });
});
