import { afterEach, describe, expect, it } from "vitest";
import { baseUrl, call, newProject, newRun } from "./api-client";
import { EventStreamClient, type StreamEvent } from "../support/event-stream-client";

/** Live links of drawn views (compare, sweeps): their stream tells of the view's runs and of no other run of the project. */

const open: EventStreamClient[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function stream(path: string) {
  const opened = await EventStreamClient.open(`${baseUrl()}${path}`);
  open.push(opened);
  return opened;
}

async function log(run: string, key: string, from: number) {
  const rows = [0, 1].map((i) => ({ step: from + i, values: { loss: 1 / (from + i + 1) } }));
  expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } })).status).toBe(200);
}

/** A report of `url` and a link of `mode` to it; returns the link's token. */
async function shareLink(project: string, key: string, url: string, mode: "live" | "frozen") {
  const report = await call("POST", `/api/v1/projects/${project}/reports`, { key, body: { title: "Drawn", url } });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  const link = await call("POST", `/api/v1/projects/${project}/reports/${report.body.id}/share-links`, { key, body: { mode } });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  return link.body.token as string;
}

const runsNamed = (events: StreamEvent[]) => new Set(events.flatMap((e) => (e.event === "runs" ? e.data.runs.map((r: { id: string }) => r.id) : [e.data?.run])).filter(Boolean));

/**
 * Logs to `outside` first and waits until the project's own stream (which sees every run) has its row: the hub
 * hands one batch to all of its viewers at once, so the link's stream has had its chance to (wrongly) see it too.
 * Then logs to `inside` and waits for it on the link's stream.
 */
async function expectOnlyInside({ project, key, token, inside, outside }: { project: string; key: string; token: string; inside: string; outside: string }) {
  const link = await stream(`/api/v1/share/${token}/live`);
  expect(link.status).toBe(200);
  const all = await stream(`/api/v1/projects/${project}/live`);
  await Promise.all([link.next((e) => e.event === "ready"), all.next((e) => e.event === "ready")]);
  await log(outside, key, 0);
  await all.next((e) => e.event === "runs" && e.data.runs.some((r: { id: string }) => r.id === outside));
  await log(inside, key, 0);
  const row = await link.next((e) => e.event === "runs" && e.data.runs.some((r: { id: string }) => r.id === inside));
  expect(row.data.runs[0]).toMatchObject({ id: inside, last_step: 1 });
  expect([...runsNamed(link.events)]).toEqual([inside]);
  // Rows only: a drawn view is drawn again on the server, so its link is not sent the runs' points.
  expect(link.events.filter((e) => e.event === "metrics")).toEqual([]);
}

describe("live links of drawn views", () => {
  it("a compare report's live stream tells of its runs' changes and of no other run of the project", async () => {
    const { project, key } = await newProject("slv");
    const [a, b, other] = [await newRun(project, key, { name: "a" }), await newRun(project, key, { name: "b" }), await newRun(project, key, { name: "other" })];
    const token = await shareLink(project, key, `/compare?runs=${a},${b}&metrics=loss`, "live");
    await expectOnlyInside({ project, key, token, inside: b, outside: other });
  });

  it("a sweeps report's live stream follows the sweep's runs only, not a run of another group", async () => {
    const { project, key } = await newProject("slv");
    const beta = async (value: number, group: string) => newRun(project, key, { name: `${group}-${value}`, group, config: { beta: value } });
    const [, inSweep, otherGroup] = [await beta(0.1, "sw"), await beta(0.2, "sw"), await beta(0.3, "elsewhere")];
    await beta(0.4, "elsewhere");
    const token = await shareLink(project, key, "/sweeps?sweep=sw&metric=loss", "live");
    await expectOnlyInside({ project, key, token, inside: inSweep, outside: otherGroup });
  });

  it("a run that joins a sweep after the link opened is followed from then on; a run of another group never", async () => {
    const { project, key } = await newProject("slv");
    const beta = async (value: number, group: string) => newRun(project, key, { name: `${group}-${value}`, group, config: { beta: value } });
    await beta(0.1, "sw");
    await beta(0.2, "sw");
    const token = await shareLink(project, key, "/sweeps?sweep=sw&metric=loss", "live");
    const link = await stream(`/api/v1/share/${token}/live`);
    const all = await stream(`/api/v1/projects/${project}/live`);
    await Promise.all([link.next((e) => e.event === "ready"), all.next((e) => e.event === "ready")]);
    const outside = await beta(0.3, "elsewhere");
    await all.next((e) => e.event === "runs" && e.data.runs.some((r: { id: string }) => r.id === outside));
    const joined = await beta(0.4, "sw");
    await link.next((e) => e.event === "runs" && e.data.runs.some((r: { id: string }) => r.id === joined));
    await log(joined, key, 0);
    await link.next((e) => e.event === "runs" && e.data.runs.some((r: { id: string; last_step: number | null }) => r.id === joined && r.last_step === 1));
    expect(runsNamed(link.events).has(outside)).toBe(false);
  });

  it("a frozen link of a drawn view has no stream", async () => {
    const { project, key } = await newProject("slv");
    const run = await newRun(project, key);
    const token = await shareLink(project, key, `/compare?runs=${run}`, "frozen");
    const answer = await call("GET", `/api/v1/share/${token}/live`);
    expect(answer.status).toBe(404);
  });
});
