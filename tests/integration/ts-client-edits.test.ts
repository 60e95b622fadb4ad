// The TypeScript client's run edits against the app: `update` renames, regroups, tags and annotates a run behind
// its rows; `editRuns` changes many runs at once, all or nothing, and a refusal names the run at fault.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { editRuns, init } from "@/clients/ts";
import { AppError } from "@/lib/core/errors";
import { baseUrl, call, newProject } from "./api-client";

const quiet = { flushIntervalMs: 20, retryBaseMs: 20, retryCapMs: 200, heartbeatIntervalMs: 0 };
const tmp = () => mkdtempSync(path.join(tmpdir(), "prefscope-client-edits-"));

async function startRun(project: string, apiKey: string, name: string, extra: { group?: string; tags?: string[] } = {}) {
  return init({ project, name, url: baseUrl(), apiKey, spoolDir: tmp(), settings: quiet, ...extra });
}

const runOf = async (id: string) => (await call("GET", `/api/v1/runs/${id}`)).body;

describe("TypeScript client run edits", () => {
  it("update renames, regroups, tags and annotates a run, and clears its group and notes", async () => {
    const { project, key } = await newProject("ts-edits");
    const run = await startRun(project, key, "before", { group: "sweep-a", tags: ["draft"] });
    run.log({ loss: 0.5 }, 0);
    run.update({ name: "after", group: "sweep-b", notes: "warmup 100 steps", tags: ["baseline", "beta-0.1"] });
    expect(await run.flush(20_000)).toBe(true);
    expect(await runOf(run.id)).toMatchObject({ name: "after", group: "sweep-b", notes: "warmup 100 steps", tags: ["baseline", "beta-0.1"] });
    run.update({ group: null, notes: "" });
    expect(await run.finish("finished", 20_000)).toBe(true);
    expect(await runOf(run.id)).toMatchObject({ name: "after", group: null, notes: "", status: "finished" });
  });

  it("a bad edit throws at the call, naming the field, and sends nothing", async () => {
    const { project, key } = await newProject("ts-edits");
    const run = await startRun(project, key, "unchanged");
    expect(() => run.update({ name: "changed", group: "" })).toThrow(expect.objectContaining({ code: "invalid_body", path: ["group"] }));
    expect(() => run.update({ notes: "x".repeat(10_001) })).toThrow(expect.objectContaining({ path: ["notes"] }));
    expect(await run.finish("finished", 20_000)).toBe(true);
    expect((await runOf(run.id)).name).toBe("unchanged");
  });

  it("editRuns sets the group of and tags many runs, in the order given", async () => {
    const { project, key } = await newProject("ts-edits");
    const runs = [];
    for (const i of [0, 1, 2]) runs.push(await startRun(project, key, `bulk-${i}`, { tags: ["draft", "keep"] }));
    for (const run of runs) expect(await run.finish("finished", 20_000)).toBe(true);
    const ids = [runs[2]!.id, runs[0]!.id, runs[1]!.id];
    const edited = await editRuns([runs[2]!, runs[0]!.id, runs[1]!.id], { group: "beta-sweep", addTags: ["reviewed"], removeTags: ["draft"] }, { url: baseUrl(), apiKey: key });
    expect(edited.map((r) => r.id)).toEqual(ids);
    for (const id of ids) expect(await runOf(id)).toMatchObject({ group: "beta-sweep", tags: ["keep", "reviewed"] });
    await editRuns(ids, { group: null }, { url: baseUrl(), apiKey: key });
    for (const id of ids) expect((await runOf(id)).group).toBeNull();
  });

  it("editRuns is all or nothing: a missing run rejects with a 404 naming it, and no run changes", async () => {
    const { project, key } = await newProject("ts-edits");
    const run = await startRun(project, key, "kept", { group: "kept" });
    expect(await run.finish("finished", 20_000)).toBe(true);
    const refused = await editRuns([run.id, randomUUID()], { group: "changed" }, { url: baseUrl(), apiKey: key }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 404, code: "not_found", path: ["ids", 1] });
    expect((await runOf(run.id)).group).toBe("kept");
  });
});
