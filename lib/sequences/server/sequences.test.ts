import { describe, expect, it } from "vitest";
import { testDatabasePerFile } from "@/lib/core/db/test-database-per-file";
import { createTestRun } from "@/lib/runs/server/test-runs";
import { updateRun } from "@/lib/runs/server/runs";
import type { SequenceRowInput } from "../contract";
import { appendSequences, readAllSequences, readSequences } from "./sequences";

const database = testDatabasePerFile();

const pair = (step: number, pairId: string, logpChosen: number, split = "train"): SequenceRowInput => ({
  step,
  split,
  pair_id: pairId,
  logp_chosen: logpChosen,
  logp_rejected: -20,
  ref_logp_chosen: -10,
  ref_logp_rejected: -20,
});

describe("sequences", { timeout: 60_000 }, () => {
  it("stores per-pair rows, the last of a repeated (step, split, pair) winning, and reads a step or the latest", async () => {
    const { runId } = await createTestRun(database.db);
    const rows = [pair(0, "b", -1), pair(0, "a", Number.NaN), pair(5, "a", -3), pair(0, "b", -2), pair(5, "a", Number.NEGATIVE_INFINITY, "eval")];
    expect(await appendSequences({ db: database.db, runId, rows })).toEqual({ accepted: 5 });

    const latest = await readSequences({ db: database.db, runId, split: "train" });
    expect(latest).toMatchObject({ step: 5, split: "train", steps: [0, 5], rows: [{ step: 5, pair_id: "a", logp_chosen: -3, len_chosen: null }] });
    const first = await readSequences({ db: database.db, runId, split: "train", step: 0 });
    expect(first.rows.map((r) => [r.pair_id, r.logp_chosen])).toEqual([
      ["a", Number.NaN],
      ["b", -2],
    ]);
    expect((await readSequences({ db: database.db, runId, split: "eval" })).rows[0]!.logp_chosen).toBe(Number.NEGATIVE_INFINITY);
    expect(await readSequences({ db: database.db, runId, split: "none" })).toEqual({ step: null, split: "none", steps: [], rows: [] });
  });

  it("overwrites logged pairs, applies a batch id once, and drops later steps on resume", async () => {
    const { runId, projectId } = await createTestRun(database.db);
    await appendSequences({ db: database.db, runId, rows: [pair(0, "a", -1), pair(10, "a", -1)] });
    expect(await appendSequences({ db: database.db, runId, rows: [pair(0, "a", -7), pair(20, "a", -8)], batchId: "s-1" })).toEqual({ accepted: 2 });
    expect(await appendSequences({ db: database.db, runId, rows: [pair(0, "a", 99)], batchId: "s-1" })).toEqual({ accepted: 2, duplicate: true });
    expect((await readAllSequences({ db: database.db, runId })).map((r) => [r.step, r.logp_chosen])).toEqual([
      [0, -7],
      [10, -1],
      [20, -8],
    ]);

    await updateRun({ db: database.db, id: runId, projectId, input: { resume_from_step: 10 } });
    expect((await readAllSequences({ db: database.db, runId })).map((r) => r.step)).toEqual([0, 10]);
  });
});
