// Property-based fuzzing of the dashboard's write routes over HTTP — project settings, keys, run and project
// lifecycle — with mutated bodies and hostile path segments, sent as the dashboard (same-origin) or with a key.
// Never a 5xx; a rejected write changes nothing. Cases per endpoint: PREFSCOPE_FUZZ_RUNS. Reports, share links, lab
// runs and the runs filter: fuzz-reports.test.ts.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { describeOutcome, expectShares, dashboardHeaders, fuzzEndpoint } from "./fuzz-runner";
import { newFuzzProject, send } from "./fuzz-support";
import { RUNS, TIMEOUT, SAME_ORIGIN, getJson, postJson, segment, fuzzPaths } from "./fuzz-dashboard-support";

describe("fuzzing the dashboard's write routes", () => {
  let project: string;
  let key: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-dash"));
    // A report in the project, as before the report fuzzers moved to fuzz-reports: the project fuzzers see it.
    await postJson(`/api/v1/projects/${project}/reports`, { title: "fuzz", url: "" });
  });

  it("PATCH /api/v1/projects/:project", { timeout: TIMEOUT }, async () => {
    const settings = async () => JSON.stringify((await getJson(`/api/v1/projects/${project}`)).settings);
    let before = await settings();
    const leaf = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(null));
    const valid = fc.record(
      {
        webhook_url: fc.oneof(fc.constant(null), fc.constantFrom("http://127.0.0.1:9/hook", "https://example.invalid/x")),
        thresholds: fc.record({
          drasticDrop: fc.dictionary(fc.constantFrom("info", "warning", "critical"), fc.dictionary(fc.constantFrom("minDropRatio", "minRejectedDrop"), leaf)),
        }),
      },
      { requiredKeys: [] },
    );
    const outcome = await fuzzEndpoint(
      {
        name: "PATCH project",
        method: "PATCH",
        path: () => `/api/v1/projects/${project}`,
        valid,
        render: (v) => v,
        headers: fc.oneof({ weight: 4, arbitrary: fc.constant(SAME_ORIGIN) }, { weight: 1, arbitrary: dashboardHeaders(key) }),
        after: async (id, accepted) => {
          const now = await settings();
          if (!accepted) expect(now, `PATCH project case ${id} was rejected but changed the settings`).toBe(before);
          before = now;
        },
      },
      RUNS,
    );
    console.log(describeOutcome("PATCH /api/v1/projects/:project", outcome));
    expectShares("PATCH /api/v1/projects/:project", outcome);
  });

  it("POST /api/v1/projects/:project/keys", { timeout: TIMEOUT }, async () => {
    const count = async () => (await getJson(`/api/v1/projects/${project}/keys`)).keys.length as number;
    let before = await count();
    const valid = fc.record({ name: fc.string({ maxLength: 20 }), scope: fc.constantFrom("write", "read") }, { requiredKeys: [] });
    const outcome = await fuzzEndpoint(
      {
        name: "POST keys",
        method: "POST",
        path: () => `/api/v1/projects/${project}/keys`,
        valid,
        render: (v) => v,
        headers: fc.oneof({ weight: 4, arbitrary: fc.constant(SAME_ORIGIN) }, { weight: 1, arbitrary: dashboardHeaders(key) }),
        after: async (id, accepted) => {
          const now = await count();
          expect(now, `POST keys case ${id}`).toBe(before + (accepted ? 1 : 0));
          before = now;
        },
      },
      RUNS,
    );
    console.log(describeOutcome("POST /api/v1/projects/:project/keys", outcome));
    expectShares("POST /api/v1/projects/:project/keys", outcome);
  });

  it("DELETE /api/v1/projects/:project/keys/:keyId", { timeout: TIMEOUT }, async () => {
    const spare = await newFuzzProject("fuzz-keys");
    // Another project's path with these key ids (and ids near them) must revoke nothing there. Not the suite's main
    // project: a mutated id can be its key's id, and revoking that would turn every later test's requests into 401s.
    const other = await newFuzzProject("fuzz-keys-other");
    const ids = (await getJson(`/api/v1/projects/${spare.project}/keys`)).keys.map((k: { id: number }) => String(k.id));
    const projects = fc.oneof({ weight: 4, arbitrary: fc.constant(spare.project) }, { weight: 1, arbitrary: segment(fc.constant(other.project)) });
    const paths = fc.tuple(projects, segment(fc.constantFrom(...ids))).map(([p, k]) => `/api/v1/projects/${p}/keys/${k}`);
    // Mostly as the dashboard: a case that revokes the spare key makes every later case sent with it a 401.
    const keysOf = async (name: string) => (await getJson(`/api/v1/projects/${name}/keys`)).keys.map((k: { id: number; revoked_at: string | null }) => [k.id, k.revoked_at]);
    const keys = async () => JSON.stringify([await keysOf(spare.project), await keysOf(other.project)]);
    await fuzzPaths(
      "DELETE keys/:keyId",
      "DELETE",
      paths,
      fc.oneof({ weight: 4, arbitrary: fc.constant(SAME_ORIGIN) }, { weight: 1, arbitrary: dashboardHeaders(spare.key) }),
      keys,
    );
  });

  it("DELETE, archive and restore of /api/v1/runs/:id and /api/v1/projects/:project", { timeout: TIMEOUT * 3 }, async () => {
    const spare = await newFuzzProject("fuzz-life");
    const bearer = { authorization: `Bearer ${spare.key}`, "content-type": "application/json" };
    const runIds: string[] = [];
    for (let i = 0; i < 8; i++) {
      const created = await send("POST", "/api/v1/runs", new TextEncoder().encode(JSON.stringify({ project: spare.project, name: `r${i}` })), bearer);
      const id = JSON.parse(created.text).id as string;
      await send("POST", `/api/v1/runs/${id}/metrics`, new TextEncoder().encode(JSON.stringify({ rows: [{ step: 0, values: { loss: 1 } }] })), bearer);
      runIds.push(id);
    }
    // Once a case deletes the project, its runs list is a 404: that, too, must then stay as it is.
    const runs = async () => {
      const listed = await send("GET", `/api/v1/runs?project=${spare.project}&archived=include`, null, SAME_ORIGIN);
      if (listed.status !== 200) return String(listed.status);
      return JSON.stringify(JSON.parse(listed.text).runs.map((r: { id: string; archived_at: string | null }) => [r.id, Boolean(r.archived_at)]));
    };
    const runPaths = fc.tuple(segment(fc.constantFrom(...runIds)), fc.constantFrom("", "/archive", "/restore"));
    const headers = fc.oneof({ weight: 1, arbitrary: fc.constant(SAME_ORIGIN) }, { weight: 3, arbitrary: dashboardHeaders(spare.key) });
    await fuzzPaths(
      "POST runs/:id/archive|restore",
      "POST",
      runPaths.map(([id, action]) => `/api/v1/runs/${id}${action || "/archive"}`),
      headers,
      runs,
    );
    await fuzzPaths(
      "DELETE runs/:id",
      "DELETE",
      runPaths.map(([id]) => `/api/v1/runs/${id}`),
      headers,
      runs,
    );
    // Projects: the spare one, and hostile names no other test's project has; a key may never archive or delete one.
    const projects = async () => JSON.stringify([(await send("GET", `/api/v1/projects/${spare.project}`, null, SAME_ORIGIN)).status, await runs()]);
    const names = fc.oneof(
      { weight: 1, arbitrary: fc.constant(spare.project) },
      { weight: 3, arbitrary: segment(fc.constant(spare.project)).filter((n) => !/^[A-Za-z0-9][\w.-]{0,9}$/.test(n) || n === spare.project) },
    );
    const projectHeaders = fc.oneof({ weight: 1, arbitrary: fc.constant(SAME_ORIGIN) }, { weight: 6, arbitrary: dashboardHeaders(spare.key) });
    const projectPaths = fc.tuple(names, fc.constantFrom("/archive", "/restore")).map(([p, action]) => `/api/v1/projects/${p}${action}`);
    await fuzzPaths("POST projects/:project/archive|restore", "POST", projectPaths, projectHeaders, projects);
    await fuzzPaths(
      "DELETE projects/:project",
      "DELETE",
      names.map((p) => `/api/v1/projects/${p}`),
      projectHeaders,
      projects,
    );
  });
});
