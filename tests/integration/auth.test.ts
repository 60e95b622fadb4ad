import { describe, expect, it } from "vitest";
import { call, newProject, newRun } from "./api-client";

describe("API keys on writes and reads", () => {
  it("refuses a missing, malformed, unknown or revoked key with 401 and another project's key with 403", async () => {
    const a = await newProject("auth-a");
    const b = await newProject("auth-b");
    const runB = await newRun(b.project, b.key);
    const metrics = { rows: [{ step: 0, values: { x: 1 } }] };

    expect((await call("POST", "/api/v1/runs", { body: { project: a.project, name: "r" } })).status).toBe(401);
    expect((await call("POST", "/api/v1/runs", { body: { project: a.project, name: "r" }, headers: { authorization: "Token abc" } })).status).toBe(401);
    expect((await call("POST", "/api/v1/runs", { key: "ps_unknown", body: { project: a.project, name: "r" } })).status).toBe(401);
    expect((await call("POST", "/api/v1/runs", { key: a.key, body: { project: b.project, name: "r" } })).status).toBe(403);
    expect((await call("POST", `/api/v1/runs/${runB}/metrics`, { key: a.key, body: metrics })).status).toBe(403);
    expect((await call("PATCH", `/api/v1/runs/${runB}`, { key: a.key, body: { status: "failed" } })).status).toBe(403);
    expect((await call("GET", `/api/v1/runs/${runB}`, { key: a.key })).status).toBe(403);
    expect((await call("GET", `/api/v1/runs/${runB}`)).status).toBe(200);

    const keys = await call("GET", `/api/v1/projects/${b.project}/keys`);
    const keyId = keys.body.keys[0].id;
    expect(keys.body.keys[0]).not.toHaveProperty("key_hash");
    expect((await call("DELETE", `/api/v1/projects/${b.project}/keys/${keyId}`)).status).toBe(204);
    const revoked = await call("POST", `/api/v1/runs/${runB}/metrics`, { key: b.key, body: metrics });
    expect(revoked.status).toBe(401);
    expect((await call("GET", `/api/v1/runs/${runB}/metrics`)).body.series).toEqual([]);
  });

  it("lets a read-only key read its project but not write", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const readOnly = await call("POST", `/api/v1/projects/${project}/keys`, { body: { scope: "read" } });
    expect(readOnly.status).toBe(201);
    const write = await call("POST", `/api/v1/runs/${run}/metrics`, { key: readOnly.body.key, body: { rows: [] } });
    expect(write.status).toBe(403);
    expect((await call("GET", `/api/v1/runs/${run}`, { key: readOnly.body.key })).status).toBe(200);
    expect((await call("GET", `/api/v1/runs?project=${project}`, { key: readOnly.body.key })).body.runs).toHaveLength(1);
  });
});
