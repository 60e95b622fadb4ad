import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, call, newProject, newRun, readSeries } from "./api-client";
import { EventStreamClient, pointsOf } from "../support/event-stream-client";

const open: EventStreamClient[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function follow(project: string, query: Record<string, string> = {}, lastEventId?: string | null) {
  const stream = await EventStreamClient.open(`${baseUrl()}/api/v1/projects/${project}/live?${new URLSearchParams(query)}`, { lastEventId });
  open.push(stream);
  return stream;
}

const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ step: from + i, values: { loss: (from + i) / 10, "logps/rejected": -(from + i) } }));

describe("live updates (server-sent events)", () => {
  it("pushes a committed batch's points, non-finite values and the run's row to its viewers", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const stream = await follow(project, { runs: run });
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === "ready");
    const batch = [...rows(0, 3), { step: 4, values: { loss: "NaN", "logps/rejected": "-Infinity" } }];
    expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: batch } })).status).toBe(200);
    await stream.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").size === 5);
    expect([...pointsOf(stream.events, run, "loss").entries()]).toEqual([
      [0, 0],
      [1, 0.1],
      [2, 0.2],
      [3, 0.3],
      [4, "NaN"],
    ]);
    expect(pointsOf(stream.events, run, "logps/rejected").get(4)).toBe("-Infinity");
    const row = await stream.next((e) => e.event === "runs" && e.data.runs.some((r: any) => r.id === run && r.last_step === 4));
    expect(row.data.runs[0]).toMatchObject({ id: run, status: "running", last_step: 4 });
    expect(row.data.runs[0].metrics.loss).toMatchObject({ last: "NaN", last_step: 4, count: 5 });
  });

  it("tells a project's viewers of every run's rows, and the run viewers only of their runs' points", async () => {
    const { project, key } = await newProject();
    const [a, b] = [await newRun(project, key, { name: "a" }), await newRun(project, key, { name: "b" })];
    const stream = await follow(project, { runs: a });
    await stream.next((e) => e.event === "ready");
    await call("POST", `/api/v1/runs/${b}/metrics`, { key, body: { rows: rows(0, 1) } });
    await call("POST", `/api/v1/runs/${a}/metrics`, { key, body: { rows: rows(0, 1) } });
    await stream.next((e) => e.event === "metrics" && e.data.run === a);
    await stream.next((e) => e.event === "runs" && e.data.runs.some((r: any) => r.id === b));
    expect(stream.events.filter((e) => e.event === "metrics").every((e) => e.data.run === a)).toBe(true);
  });

  it("resumes after a dropped connection without losing or doubling a point", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const first = await follow(project, { runs: run });
    await first.next((e) => e.event === "ready");
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: rows(0, 9) } });
    await first.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").has(9));
    first.close();
    // Written while nobody listens: a rewrite of a logged step too.
    for (let s = 10; s < 40; s += 10) await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: rows(s, s + 9) } });
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 5, values: { loss: 55 } }] } });
    const second = await follow(project, { runs: run }, first.lastId);
    await second.next((e) => e.event === "ready");
    await second.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").get(5) === 55);
    const merged = pointsOf([...first.events, ...second.events], run, "loss");
    const stored = await readSeries(run, "loss");
    expect([...merged.entries()].sort((x, y) => x[0] - y[0])).toEqual(stored.points.map((p: any) => [p.step, p.value]));
    expect(merged.size).toBe(40);
  });

  it("replays from the change id a page was read at (`since`)", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const probe = await follow(project);
    const since = (await probe.next((e) => e.event === "ready")).data.change;
    probe.close();
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: rows(0, 2) } });
    const stream = await follow(project, { runs: run, since: String(since) });
    await stream.next((e) => e.event === "metrics" && pointsOf([e], run, "loss").size === 3);
  });

  it("pushes flags and the run page's diagnostics after the debounced recomputation", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key, { algorithm: "dpo", config: { beta: 0.1 } });
    const stream = await follow(project, { runs: run });
    await stream.next((e) => e.event === "ready");
    const logged = Array.from({ length: 30 }, (_, step) => ({ step, values: { "logps/chosen": -10 - step * 0.1, "logps/rejected": -10 - step * 3 } }));
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: logged } });
    const flags = await stream.next((e) => e.event === "flags" && e.data.run === run);
    expect(flags.data.diagnostics).toMatchObject({ run_id: run });
    const diagnostics = await call("GET", `/api/v1/runs/${run}/diagnostics`);
    expect(flags.data.diagnostics.flags).toEqual(diagnostics.body.flags);
  });

  it("refuses runs of another project and malformed parameters, naming them", async () => {
    const { project } = await newProject();
    const other = await newProject();
    const foreign = await newRun(other.project, other.key);
    const notOurs = await call("GET", `/api/v1/projects/${project}/live?runs=${foreign}`);
    expect(notOurs.status).toBe(404);
    expect(notOurs.body.error.path).toEqual(["runs"]);
    const bad = await call("GET", `/api/v1/projects/${project}/live?runs=nope`);
    expect([400, 422]).toContain(bad.status);
    expect(bad.body.error.path[0]).toBe("runs");
    const tooMany = await call("GET", `/api/v1/projects/${project}/live?runs=${Array.from({ length: 17 }, () => randomUUID()).join(",")}`);
    expect([400, 422]).toContain(tooMany.status);
    expect(tooMany.body.error.path[0]).toBe("runs");
    const since = await call("GET", `/api/v1/projects/${project}/live?since=-1`);
    expect([400, 422]).toContain(since.status);
    expect(since.body.error.path).toEqual(["since"]);
    expect((await call("GET", `/api/v1/projects/no-such-${randomUUID().slice(0, 6)}/live`)).status).toBe(404);
  });
});
