// Property-based fuzzing of the dashboard's report, share-link and lab routes over HTTP, and of the runs filter `q`,
// as fuzz-dashboard.test.ts does for settings, keys and lifecycle. Never a 5xx; a rejected write changes nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { describeOutcome, expectShares, dashboardHeaders, fuzzEndpoint } from "./fuzz-runner";
import { casesWithRuns, expectNoneOf, newFuzzProject, send } from "./fuzz-support";
import { RUNS, TIMEOUT, getJson, postJson, segment, fuzzPaths, name } from "./fuzz-dashboard-support";

describe("fuzzing the dashboard's report, share-link and lab routes", () => {
  let project: string;
  let key: string;
  let reportId: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-reports"));
    reportId = (await postJson(`/api/v1/projects/${project}/reports`, { title: "fuzz", url: "" })).id;
  });

  it("POST /api/v1/projects/:project/reports", { timeout: TIMEOUT }, async () => {
    const count = async () => (await getJson(`/api/v1/projects/${project}/reports`)).reports.length as number;
    let before = await count();
    const url = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom("", "?q=loss", "/runs/00000000-0000-4000-8000-000000000000", "/tables?preset=a", "/compare", "/lab?beta=0.1") },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom("//evil", "/../x", "javascript:alert(1)", "/runs/x"), fc.string({ maxLength: 20 })) },
    );
    const valid = fc.record({ title: name, note: fc.string({ maxLength: 30 }), url }, { requiredKeys: ["title", "url"] });
    const outcome = await fuzzEndpoint(
      {
        name: "POST reports",
        method: "POST",
        path: () => `/api/v1/projects/${project}/reports`,
        valid,
        render: (v) => v,
        headers: dashboardHeaders(key),
        after: async (id, accepted) => {
          const now = await count();
          expect(now, `POST reports case ${id}`).toBe(before + (accepted ? 1 : 0));
          before = now;
        },
      },
      RUNS,
    );
    console.log(describeOutcome("POST /api/v1/projects/:project/reports", outcome));
    expectShares("POST /api/v1/projects/:project/reports", outcome);
  });

  it("POST …/reports/:reportId/share-links", { timeout: TIMEOUT }, async () => {
    const count = async () => (await getJson(`/api/v1/projects/${project}/reports/${reportId}/share-links`)).share_links.length as number;
    let before = await count();
    const valid = fc.record(
      { mode: fc.constantFrom("live", "frozen"), expires_in_days: fc.oneof(fc.constant(null), fc.double({ min: 0.01, max: 3650, noNaN: true })) },
      { requiredKeys: ["mode"] },
    );
    const outcome = await fuzzEndpoint(
      {
        name: "POST share-links",
        method: "POST",
        path: () => `/api/v1/projects/${project}/reports/${reportId}/share-links`,
        valid,
        render: (v) => v,
        headers: dashboardHeaders(key),
        after: async (id, accepted) => {
          const now = await count();
          expect(now, `POST share-links case ${id}`).toBe(before + (accepted ? 1 : 0));
          before = now;
        },
      },
      RUNS,
    );
    console.log(describeOutcome("POST …/share-links", outcome));
    expectShares("POST …/share-links", outcome);
  });

  it("DELETE …/reports/:reportId and …/share-links/:linkId", { timeout: TIMEOUT * 2 }, async () => {
    const spare = await postJson(`/api/v1/projects/${project}/reports`, { title: "spare", url: "" });
    const links = await Promise.all([1, 2, 3].map(() => postJson(`/api/v1/projects/${project}/reports/${spare.id}/share-links`, { mode: "live" })));
    const reports = segment(fc.constantFrom(spare.id as string, reportId));
    const linkPaths = fc
      .tuple(reports, segment(fc.constantFrom(...links.map((l: { id: number }) => String(l.id)))))
      .map(([r, l]) => `/api/v1/projects/${project}/reports/${r}/share-links/${l}`);
    const reportsState = async () =>
      JSON.stringify(
        (await getJson(`/api/v1/projects/${project}/reports`)).reports.map((r: { id: string; share_links: { id: number; state: string }[] }) => [
          r.id,
          r.share_links.map((l) => [l.id, l.state]),
        ]),
      );
    await fuzzPaths("DELETE share-links/:linkId", "DELETE", linkPaths, dashboardHeaders(key), reportsState);
    const reportPaths = fc.tuple(segment(fc.constant(project)), reports).map(([p, r]) => `/api/v1/projects/${p}/reports/${r}`);
    await fuzzPaths("DELETE reports/:reportId", "DELETE", reportPaths, dashboardHeaders(key), reportsState);
  });

  it("POST /api/v1/lab/runs", { timeout: TIMEOUT }, async () => {
    const temperature = fc.double({ min: 0.01, max: 10, noNaN: true });
    const weight = fc.double({ min: 0, max: 100, noNaN: true });
    const params: Record<string, Record<string, fc.Arbitrary<number>>> = {
      dpo: { beta: temperature },
      flex_dpo: { beta_w: temperature, beta_l: temperature },
      dpo_sft: { beta: temperature, alpha: weight },
      ipo: { tau: temperature },
      slic: { delta: weight, lambda: weight },
      reward_model: {},
    };
    const valid = fc.constantFrom(...Object.keys(params)).chain((algorithm) =>
      fc.record({
        algorithm: fc.constant(algorithm),
        scenario: fc.constantFrom(1, 2, 3, 4),
        steps: fc.integer({ min: 1, max: 8 }),
        seed: fc.nat(1000),
        params: fc.record(params[algorithm]!),
      }),
    );
    const outcome = await fuzzEndpoint(
      {
        name: "POST lab runs",
        method: "POST",
        path: () => "/api/v1/lab/runs",
        valid,
        render: ({ params: p, ...v }, id) => ({ ...v, ...p, project, name: `c${id}` }),
        headers: dashboardHeaders(key),
      },
      RUNS,
    );
    console.log(describeOutcome("POST /api/v1/lab/runs", outcome));
    expectShares("POST /api/v1/lab/runs", outcome);
    expectNoneOf(outcome.rejected, await casesWithRuns(project, key), "lab runs");
  });

  it("GET /api/v1/runs?q=&cursor= (the filter's limits)", { timeout: TIMEOUT }, async () => {
    const tooLong = await send("GET", `/api/v1/runs?project=${project}&q=${"a".repeat(4000)}`, null, {});
    expect(tooLong.status).toBe(422);
    expect(JSON.parse(tooLong.text).error.path).toEqual(["q"]);
    const deep = await send("GET", `/api/v1/runs?q=${encodeURIComponent("(".repeat(200) + "x" + ")".repeat(200))}`, null, {});
    expect([deep.status, JSON.parse(deep.text).error.path]).toEqual([422, ["q"]]);
    const q = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom(
        "(".repeat(30),
        "NOT ".repeat(30) + "x",
        "-".repeat(60) + "x",
        "a OR ".repeat(60) + "b",
        "config.beta > 1e400",
        "metric.loss.last < -0",
        "created > 99999-01-01",
      ),
    );
    const cursor = fc.oneof(
      fc.constant(""),
      fc.string({ maxLength: 20 }),
      fc
        .tuple(fc.constantFrom("2024-01-01T00:00:00Z", "275760-09-13", "x", "-271821-04-20", "9999-12-31"), fc.constantFrom("x", "00000000-0000-4000-8000-000000000000", ""))
        .map(([t, i]) => Buffer.from(`${t}|${i}`).toString("base64url")),
    );
    const paths = fc.tuple(q, cursor).map(([text, c]) => `/api/v1/runs?project=${project}&q=${encodeURIComponent(text)}${c ? `&cursor=${encodeURIComponent(c)}` : ""}`);
    await fuzzPaths("GET /api/v1/runs?q=", "GET", paths, fc.constant({}));
  });
});
