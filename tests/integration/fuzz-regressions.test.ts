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
    const response = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows: [{ step: 1, values: { "\ufeffloss": 0.5, loss: 1 } }] } });
    expect(response).toEqual({ status: 200, body: { accepted: 1 } });
  });

  it("refuses an unpaired surrogate in a jsonb field with 422 naming it", async () => {
    const response = await call("POST", "/api/v1/runs", { key, body: { project, name: "x", config: { ok: { "x\udfffy": 1 } } } });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(["config", "ok", "x\udfffy"]);
    const patch = await call("PATCH", `/api/v1/runs/${runId}`, { key, body: { summary: { note: "\ud800" } } });
    expect([patch.status, patch.body.error.path]).toEqual([422, ["summary", "note"]]);
  });

  it("refuses a NUL in a lab run's name", async () => {
    const response = await send("POST", "/api/v1/lab/runs", new TextEncoder().encode(JSON.stringify({ project, name: "\u0000", scenario: 1, algorithm: "dpo", beta: 0.1, steps: 2, seed: 1 })), { ...SAME_ORIGIN, "content-type": "application/json" });
    expect(response.status).toBe(422);
  });

  it("answers ids past int4 and malformed escapes in a path with 404", async () => {
    for (const path of [`/api/v1/projects/${project}/keys/2147483648`, `/api/v1/projects/${project}/keys/1e3`, `/api/v1/projects/${project}/reports/x/share-links/9007199254740993`]) {
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
