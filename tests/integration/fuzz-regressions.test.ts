// The 5xx answers the fuzzers found, pinned as plain examples so they stay fixed whatever seed a fuzz run draws.
import { beforeAll, describe, expect, it } from "vitest";
import { call, newRun } from "./api-client";
import { newFuzzProject, send } from "./fuzz-support";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

describe("inputs the fuzzers found answered with a 5xx", () => {
  let project: string;
  let key: string;
  let runId: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-regress"));
    runId = await newRun(project, key);
  });

  it("stores a metric whose name starts with U+FEFF (PGlite drops it from text it returns)", async () => {
    const run = await newRun(project, key, { name: "bom-store" });
    const response = await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 1, values: { "\ufeffloss": 0.5, loss: 1 } }] } });
    expect(response).toEqual({ status: 200, body: { accepted: 1 } });
    // Both series stored apart, each with its own value (not one under the other's name, not one dropped).
    const read = await call("GET", `/api/v1/runs/${run}/metrics`);
    expect(read.status).toBe(200);
    const series = Object.fromEntries(read.body.series.map((s: { key: string; points: { step: number; value: number }[] }) => [s.key, s.points.map((p) => [p.step, p.value])]));
    expect(series).toEqual({ "\ufeffloss": [[1, 0.5]], loss: [[1, 1]] });
  });

  it("refuses an unpaired surrogate in a jsonb field with 422 naming it", async () => {
    const response = await call("POST", "/api/v1/runs", { key, body: { project, name: "x", config: { ok: { "x\udfffy": 1 } } } });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(["config", "ok", "x\udfffy"]);
    const patch = await call("PATCH", `/api/v1/runs/${runId}`, { key, body: { summary: { note: "\ud800" } } });
    expect([patch.status, patch.body.error.path]).toEqual([422, ["summary", "note"]]);
  });

  it("refuses a NUL in a lab run's name", async () => {
    const response = await send(
      "POST",
      "/api/v1/lab/runs",
      new TextEncoder().encode(JSON.stringify({ project, name: "\u0000", scenario: 1, algorithm: "dpo", beta: 0.1, steps: 2, seed: 1 })),
      { ...SAME_ORIGIN, "content-type": "application/json" },
    );
    expect(response.status).toBe(422);
  });

  it("answers ids past int4 and malformed escapes in a path with 404", async () => {
    for (const path of [
      `/api/v1/projects/${project}/keys/2147483648`,
      `/api/v1/projects/${project}/keys/1e3`,
      `/api/v1/projects/${project}/reports/x/share-links/9007199254740993`,
    ]) {
      const response = await send("DELETE", path, null, SAME_ORIGIN);
      expect(response.status, path).toBe(404);
    }
    for (const path of [`/api/v1/runs/%C0%AE`, `/api/v1/projects/%ff/reports`, `/p/%E0%A4%A`]) {
      const response = await send("GET", path, null, SAME_ORIGIN);
      expect([response.status, JSON.parse(response.text).error.code], path).toEqual([404, "not_found"]);
    }
  });

  it("answers a project name no project can have (a NUL) with a 4xx", async () => {
    const response = await send("DELETE", "/api/v1/projects/%00/reports/00000000-0000-4000-8000-000000000000", null, SAME_ORIGIN);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("refuses a NUL in the runs filter and a cursor it did not write with 422", async () => {
    const q = await call("GET", `/api/v1/runs?project=${project}&q=${encodeURIComponent("a\u0000")}`);
    expect([q.status, q.body.error.path]).toEqual([422, ["q"]]);
    for (const text of ["-271821-04-20T00:00:00.000Z|00000000-0000-4000-8000-000000000000", "2024-01-01T00:00:00.000Z|x"]) {
      const cursor = await call("GET", `/api/v1/runs?project=${project}&cursor=${Buffer.from(text).toString("base64url")}`);
      expect([cursor.status, cursor.body.error.path], text).toEqual([422, ["cursor"]]);
    }
  });
});

// Shapes from issue 11: prototype-like names, a leading U+FEFF on reads, ids that alias or overflow, deep
// nesting, spreadsheet formulas in the CSV export. Each was a 5xx, a silent loss or an alias before it was fixed.
describe("names and numbers that looked like something else", () => {
  const PROTO_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty"];
  let project: string;
  let key: string;
  let runId: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-proto"));
    runId = await newRun(project, key);
  });

  const post = (path: string, raw: string, contentType = "application/json") => call("POST", path, { key, raw, contentType });

  it("stores prototype-like metric names like any other, on the fast and the zod path, and reads them back", async () => {
    const values = (v: string) => `{${PROTO_NAMES.map((n) => `"${n}":${v}`).join(",")}}`;
    const fast = await post(`/api/v1/runs/${runId}/metrics`, `{"rows":[{"step":1,"values":${values("1")}}]}`);
    expect(fast).toEqual({ status: 200, body: { accepted: 1 } });
    // An ISO time takes the zod path.
    const slow = await post(`/api/v1/runs/${runId}/metrics`, `{"rows":[{"step":2,"time":"2024-01-01T00:00:00Z","values":${values("2")}}]}`);
    expect(slow).toEqual({ status: 200, body: { accepted: 1 } });
    const read = await call("GET", `/api/v1/runs/${runId}/metrics`);
    expect(read.status).toBe(200);
    expect(read.body.series.map((s: { key: string; total: number }) => [s.key, s.total])).toEqual([...PROTO_NAMES].sort().map((n) => [n, 2]));
    const one = await call("GET", `/api/v1/runs/${runId}/metrics?key=__proto__`);
    expect(one.body.series[0].points.map((p: { value: number }) => p.value)).toEqual([1, 2]);
  });

  it("shows prototype-like metric names as runs-table columns and filters on them", async () => {
    const other = await newRun(project, key, { name: "without" });
    await call("POST", `/api/v1/runs/${other}/metrics`, { key, body: { rows: [{ step: 1, values: { loss: 1 } }] } });
    const listed = await call("GET", `/api/v1/runs?project=${project}&summary_keys=${PROTO_NAMES.join(",")}`);
    expect(listed.status).toBe(200);
    const run = listed.body.runs.find((r: { id: string }) => r.id === runId);
    expect(Object.keys(run.metrics).sort()).toEqual([...PROTO_NAMES].sort());
    expect(run.metrics.__proto__.last).toBe(2);
    const bare = listed.body.runs.find((r: { id: string }) => r.id === other);
    expect(Object.keys(bare.metrics)).toEqual([]);
    const table = await call("GET", `/api/v1/projects/${project}/runs-table?metrics=${PROTO_NAMES.map((n) => `${n}.last`).join(",")}`);
    expect(table.status).toBe(200);
    expect(table.body.runs.find((r: { id: string }) => r.id === runId).metrics.constructor).toEqual({ last: 2 });
    const page = await send("GET", `/p/${project}?cols=${encodeURIComponent(PROTO_NAMES.map((n) => `metric.${n}.last`).join(","))}`, null, SAME_ORIGIN);
    expect(page.status).toBe(200);
    const filtered = await call("GET", `/api/v1/runs?project=${project}&q=${encodeURIComponent("metric.__proto__.last = 2 AND metric.constructor.max > 1")}`);
    expect(filtered.body.runs.map((r: { id: string }) => r.id)).toEqual([runId]);
  });

  it("reads back a metric whose name starts with U+FEFF under its own name", async () => {
    const run = await newRun(project, key, { name: "bom" });
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 1, values: { "\ufeffloss": 0.5, loss: 1 } }] } });
    const all = await call("GET", `/api/v1/runs/${run}/metrics`);
    expect(all.body.series.map((s: { key: string }) => s.key).sort()).toEqual(["loss", "\ufeffloss"]);
    const one = await call("GET", `/api/v1/runs/${run}/metrics?key=${encodeURIComponent("\ufeffloss")}`);
    expect([one.status, one.body.series?.[0]?.points?.[0]?.value]).toEqual([200, 0.5]);
    const listed = await call("GET", `/api/v1/runs?project=${project}&summary_keys=${encodeURIComponent("\ufeffloss")}`);
    expect(listed.body.runs.find((r: { id: string }) => r.id === run).metrics["\ufeffloss"].last).toBe(0.5);
  });

  it("escapes metric names a spreadsheet would run as formulas in the CSV export", async () => {
    const run = await newRun(project, key, { name: "csv" });
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 1, values: { '=HYPERLINK("http://x.invalid","y")': 1, "@cmd": 2, "-loss": 3, "+x": 4 } }] } });
    const response = await send("GET", `/api/v1/runs/${run}/metrics/csv`, null, SAME_ORIGIN);
    const names = response.text
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.slice(0, line.lastIndexOf(",", line.lastIndexOf(",", line.lastIndexOf(",") - 1) - 1)));
    expect(names.sort()).toEqual(["'+x", "'-loss", "'@cmd", '"\'=HYPERLINK(""http://x.invalid"",""y"")"'].sort());
  });

  it("refuses a NUL in the runs-table filter with 422 naming q, and the runs page shows it as a query error", async () => {
    const table = await call("GET", `/api/v1/projects/${project}/runs-table?q=${encodeURIComponent('name = "a\u0000"')}`);
    expect([table.status, table.body.error?.path]).toEqual([422, ["q"]]);
    const page = await send("GET", `/p/${project}?q=${encodeURIComponent("a\u0000")}`, null, SAME_ORIGIN);
    expect(page.status).toBe(200);
  });

  it('answers ids past int4, and spellings of 2 that are not "2", with 404 in paths and 422 in queries', async () => {
    for (const id of ["2147483648", "2.0", "0x2", "02", "1e0"]) {
      const member = await send("DELETE", `/api/v1/projects/${project}/members/${id}`, null, SAME_ORIGIN);
      expect(member.status, `member ${id}`).toBe(404);
      const user = await send("PATCH", `/api/v1/users/${id}`, new TextEncoder().encode("{}"), { ...SAME_ORIGIN, "content-type": "application/json" });
      expect(user.status, `user ${id}`).toBeGreaterThanOrEqual(400);
      expect(user.status, `user ${id}`).toBeLessThan(500);
    }
    for (const [path, name] of [
      [`/api/v1/runs/${runId}/sequences?step=9223372036854775808`, "step"],
      [`/api/v1/runs/${runId}/sequences?step=0x2`, "step"],
      [`/api/v1/runs/${runId}/sequences?step=2.0`, "step"],
      [`/api/v1/runs/${runId}/sequences/distribution?bins=0x10`, "bins"],
      [`/api/v1/runs/${runId}/metrics?max_points=0x10`, "max_points"],
      [`/api/v1/runs/${runId}/metrics?from=0x10`, "from"],
      [`/api/v1/runs?project=${project}&limit=1e1`, "limit"],
    ] as const) {
      const response = await call("GET", path);
      expect([response.status, response.body.error?.path], path).toEqual([422, [name]]);
    }
  });

  it("refuses config, summary and thresholds nested thousands deep with 422 naming the field", async () => {
    const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
    const created = await post("/api/v1/runs", `{"project":"${project}","name":"deep","config":${deep(4000)}}`);
    expect([created.status, created.body.error?.path]).toEqual([422, ["config"]]);
    const summary = await call("PATCH", `/api/v1/runs/${runId}`, { key, raw: `{"summary":${deep(4000)}}`, contentType: "application/json" });
    expect([summary.status, summary.body.error?.path]).toEqual([422, ["summary"]]);
    const thresholds = await send("PATCH", `/api/v1/projects/${project}`, new TextEncoder().encode(`{"thresholds":${deep(4000)}}`), {
      ...SAME_ORIGIN,
      "content-type": "application/json",
    });
    expect(thresholds.status).toBe(422);
    expect(JSON.parse(thresholds.text).error.path).toEqual(["thresholds"]);
    const arrays = await post("/api/v1/runs", `{"project":"${project}","name":"deep","config":{"a":${"[".repeat(65)}${"]".repeat(65)}}}`);
    expect([arrays.status, arrays.body.error?.path]).toEqual([422, ["config"]]);
    // 64 levels are fine.
    const ok = await post("/api/v1/runs", `{"project":"${project}","name":"deep-ok","config":${deep(64)}}`);
    expect(ok.status).toBe(201);
  });
});
