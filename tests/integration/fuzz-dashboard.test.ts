// Property-based fuzzing of the dashboard's write routes over HTTP — project settings, keys, reports, share links,
// lab runs — with mutated bodies and hostile path segments, sent as the dashboard (same-origin) or with a key; and
// of the runs filter `q`. Never a 5xx; a rejected write changes nothing. Cases per endpoint: PREFSCOPE_FUZZ_RUNS.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { describeOutcome, expectShares, dashboardHeaders, fuzzEndpoint, type FuzzOutcome } from "./fuzz-runner";
import { casesWithRuns, expectNoneOf, expectWellFormed, fuzzParameters, fuzzRuns, newFuzzProject, send } from "./fuzz-support";

const RUNS = fuzzRuns(500);
const TIMEOUT = 60_000 + RUNS * 150;
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

async function getJson(path: string): Promise<any> {
  const response = await send("GET", path, null, SAME_ORIGIN);
  expect(response.status, response.text).toBe(200);
  return JSON.parse(response.text);
}

async function postJson(path: string, body: unknown): Promise<any> {
  const response = await send("POST", path, new TextEncoder().encode(JSON.stringify(body)), { ...SAME_ORIGIN, "content-type": "application/json" });
  expect(response.status, response.text).toBe(201);
  return JSON.parse(response.text);
}

/** Path segments: ids that exist, ids that do not, numbers past int4 and int8, bad escapes, encoded slashes. */
function segment(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: real },
    { weight: 1, arbitrary: fc.nat().map(String) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "0",
        "-1",
        "1.5",
        "1e3",
        "1e400",
        "99999999999",
        "2147483648",
        "9223372036854775808",
        "9007199254740993",
        "NaN",
        "Infinity",
        "-0",
        "%201",
        "0x10",
        "%00",
        "%ff",
        "%C0%AE",
        "abc",
        "%F0%9F%92%A5",
        "a".repeat(300),
        "%ED%A0%80",
        "%uD800",
        "%2F",
        "%5C",
      ),
    },
    // Not empty, "." or "..": those change which route the URL names (Next answers them, not PrefScope).
    {
      weight: 1,
      arbitrary: fc
        .string({ minLength: 1, maxLength: 10 })
        .filter((s) => s !== "." && s !== "..")
        .map(encodeURIComponent),
    },
  );
}

/**
 * Many requests to paths built from hostile segments: each answered with a 2xx or a 4xx error body; with `state`
 * (what the targets look like), a refused one must leave it as it was.
 */
async function fuzzPaths(
  name: string,
  method: string,
  paths: fc.Arbitrary<string>,
  headers: fc.Arbitrary<Record<string, string | null>>,
  state?: () => Promise<string>,
  least = { accepted: 1 / RUNS, refused: 0.2 },
) {
  const outcome: FuzzOutcome = { accepted: new Set(), rejected: new Set(), statuses: new Map() };
  let next = 0;
  await fc.assert(
    fc.asyncProperty(paths, headers, async (path, h) => {
      const id = next++;
      const before = state ? await state() : null;
      const response = await send(method, path, null, h);
      const accepted = expectWellFormed(response, `${method} ${path}`);
      if (before !== null && !accepted) expect(await state!(), `${method} ${path} was refused (${response.status}) but changed something`).toBe(before);
      (accepted ? outcome.accepted : outcome.rejected).add(id);
      outcome.statuses.set(response.status, (outcome.statuses.get(response.status) ?? 0) + 1);
    }),
    fuzzParameters(RUNS),
  );
  console.log(describeOutcome(name, outcome));
  // Both kinds of answer happened: some requests did act (the real targets are reachable), some were refused and
  // were checked to have changed nothing. Shares stay loose: a target deleted once answers 404 from then on.
  expectShares(name, outcome, least);
}

const name = fc.string({ minLength: 1, maxLength: 12 });

describe("fuzzing the dashboard's write routes", () => {
  let project: string;
  let key: string;
  let reportId: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-dash"));
    reportId = (await postJson(`/api/v1/projects/${project}/reports`, { title: "fuzz", url: "" })).id;
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
