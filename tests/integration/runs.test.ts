import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, newProject, newRun, readSeries } from "./api-client";

describe("runs", () => {
  it("creates a run with the client's id, and resumes it when posted again", async () => {
    const { project, key } = await newProject();
    const id = randomUUID();
    const created = await call("POST", "/api/v1/runs", { key, body: { project, id, name: "r1", algorithm: "dpo", config: { beta: 0.1 }, tags: ["a"] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, project, name: "r1", algorithm: "dpo", config: { beta: 0.1 }, tags: ["a"], status: "running" });
    await call("PATCH", `/api/v1/runs/${id}`, { key, body: { status: "finished" } });
    const resumed = await call("POST", "/api/v1/runs", { key, body: { project, id, name: "r1", config: { seed: 3 } } });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ id, status: "running", config: { beta: 0.1, seed: 3 } });
  });

  it("updates status, config, summary and tags", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key, { config: { beta: 0.1 } });
    const patched = await call("PATCH", `/api/v1/runs/${run}`, { key, body: { status: "failed", config: { lr: 1e-6 }, summary: { best: 0.9 }, tags: ["x"] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: "failed", config: { beta: 0.1, lr: 1e-6 }, summary: { best: 0.9 }, tags: ["x"] });
    expect(patched.body.finished_at).not.toBeNull();
    const bad = await call("PATCH", `/api/v1/runs/${run}`, { key, body: { status: "paused" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.path).toEqual(["status"]);
  });

  it("resume_from_step deletes everything logged after the step, metrics and sequences", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = Array.from({ length: 10 }, (_, step) => ({ step, values: { a: step, b: -step } }));
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } });
    const seq = (step: number) => ({ step, pair_id: "p", logp_chosen: -1, logp_rejected: -2, ref_logp_chosen: -1, ref_logp_rejected: -2 });
    await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: [seq(2), seq(8)] } });
    expect((await call("PATCH", `/api/v1/runs/${run}`, { key, body: { resume_from_step: 4 } })).status).toBe(200);
    const a = await readSeries(run, "a");
    expect(a.points.map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);
    const listed = await call("GET", `/api/v1/runs?project=${project}&summary_keys=a`);
    expect(listed.body.runs[0].metrics.a).toMatchObject({ last: 4, last_step: 4, max: 4, count: 5 });
    expect((await call("GET", `/api/v1/runs/${run}/sequences`)).body.steps).toEqual([2]);
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 5, values: { a: 50 } }] } });
    expect((await readSeries(run, "a")).points.map((p) => p.value)).toEqual([0, 1, 2, 3, 4, 50]);
  });

  it("answers 404 for unknown and malformed run ids", async () => {
    const { key } = await newProject();
    expect((await call("GET", `/api/v1/runs/${randomUUID()}`)).status).toBe(404);
    expect((await call("GET", "/api/v1/runs/not-a-uuid")).status).toBe(404);
    const write = await call("POST", `/api/v1/runs/${randomUUID()}/metrics`, { key, body: { rows: [] } });
    expect(write.status).toBe(404);
    expect(write.body.error.code).toBe("not_found");
  });

  it("lists a project's runs newest first, with summaries, status filter and cursor paging", async () => {
    const { project, key } = await newProject();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newRun(project, key, { name: `r${i}`, tags: i % 2 ? ["odd"] : [] }));
    await call("POST", `/api/v1/runs/${ids[0]}/metrics`, {
      key,
      body: {
        rows: [
          { step: 0, values: { loss: 2 } },
          { step: 1, values: { loss: "NaN" } },
        ],
      },
    });
    await call("PATCH", `/api/v1/runs/${ids[1]}`, { key, body: { status: "finished" } });
    const page1 = await call("GET", `/api/v1/runs?project=${project}&limit=3&summary_keys=loss`);
    expect(page1.body.runs.map((r: { name: string }) => r.name)).toEqual(["r4", "r3", "r2"]);
    const page2 = await call("GET", `/api/v1/runs?project=${project}&limit=3&summary_keys=loss&cursor=${page1.body.next_cursor}`);
    expect(page2.body.runs.map((r: { name: string }) => r.name)).toEqual(["r1", "r0"]);
    expect(page2.body.next_cursor).toBeNull();
    expect(page2.body.runs[1].metrics.loss).toMatchObject({ first: 2, last: "NaN", min: 2, max: 2, count: 2 });
    const finished = await call("GET", `/api/v1/runs?project=${project}&status=finished`);
    expect(finished.body.runs.map((r: { name: string }) => r.name)).toEqual(["r1"]);
    const tagged = await call("GET", `/api/v1/runs?project=${project}&q=${encodeURIComponent("tag = odd")}`);
    expect(tagged.body.runs.map((r: { name: string }) => r.name)).toEqual(["r3", "r1"]);
    expect((await call("GET", `/api/v1/runs?project=${project}&limit=0`)).status).toBe(422);
  });

  it("filters with the query language and names the position of a syntax error", async () => {
    const { project, key } = await newProject();
    await newRun(project, key, { name: "a", algorithm: "dpo", config: { beta: 0.05 } });
    await newRun(project, key, { name: "b", algorithm: "dpo", config: { beta: 0.5 } });
    await newRun(project, key, { name: "c", algorithm: "ipo", config: { beta: 0.01 } });
    const q = (text: string) => call("GET", `/api/v1/runs?project=${project}&q=${encodeURIComponent(text)}`);
    expect((await q("algorithm = dpo AND config.beta < 0.1")).body.runs.map((r: { name: string }) => r.name)).toEqual(["a"]);
    expect((await q("config.beta < 0.1")).body.runs.map((r: { name: string }) => r.name)).toEqual(["c", "a"]);
    const bad = await q("config.beta <");
    expect(bad.status).toBe(422);
    expect(bad.body.error.path).toEqual(["q"]);
    expect(bad.body.error.message).toMatch(/at \d+/);
  });
});
