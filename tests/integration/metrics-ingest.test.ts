import { describe, expect, it } from "vitest";
import { call, newProject, newRun, readSeries } from "./api-client";

describe("POST /api/v1/runs/:id/metrics", () => {
  it("stores NaN and ±Infinity as themselves and reads them back", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = [
      { step: 0, values: { loss: "NaN" } },
      { step: 1, values: { loss: "Infinity" } },
      { step: 2, values: { loss: "-Infinity" } },
      { step: 3, values: { loss: 1e-310 } },
    ];
    expect(await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } })).toEqual({ status: 200, body: { accepted: 4 } });
    const series = await readSeries(run, "loss");
    expect(series.points.map((p) => p.value)).toEqual(["NaN", "Infinity", "-Infinity", 1e-310]);
  });

  it("rejects a batch with one bad row, names the row, and writes nothing", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = [
      { step: 0, values: { loss: 1 } },
      { step: 1, values: { loss: 2 } },
      { step: 2, values: { loss: "oops" } },
    ];
    const response = await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(["rows", 2, "values", "loss"]);
    expect(response.body.error.message).toContain("rows.2.values.loss");
    const listed = await call("GET", `/api/v1/runs/${run}/metrics`);
    expect(listed.body.series).toEqual([]);
  });

  it.each([
    ["a negative step", { rows: [{ step: -1, values: { a: 1 } }] }, ["rows", 0, "step"]],
    ["a fractional step", { rows: [{ step: 1.5, values: { a: 1 } }] }, ["rows", 0, "step"]],
    ["a misspelt field", { rows: [{ step: 1, value: { a: 1 } }] }, ["rows", 0, "value"]],
    ["rows missing", { batch_id: "x" }, ["rows"]],
    ["an empty metric name", { rows: [{ step: 1, values: { "": 1 } }] }, ["rows", 0, "values", ""]],
  ])("answers 422 naming the field for %s", async (_name, body, path) => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const response = await call("POST", `/api/v1/runs/${run}/metrics`, { key, body });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(path);
  });

  it("answers 400 for malformed JSON, 415 for an unknown content type and 413 past the size limit", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, raw: "{rows: [" })).status).toBe(400);
    expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, raw: "x", contentType: "text/plain" })).status).toBe(415);
    const huge = JSON.stringify({ rows: [{ step: 0, values: { a: 1 } }], pad: "x".repeat(33 * 1024 * 1024) });
    const tooLarge = await call("POST", `/api/v1/runs/${run}/metrics`, { key, raw: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("payload_too_large");
  });

  it("takes NDJSON, one row a line, with the batch id in the query", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const raw = '{"step":0,"values":{"a":1}}\n\n{"step":1,"values":{"a":2}}\n';
    const first = await call("POST", `/api/v1/runs/${run}/metrics?batch_id=nd-1`, { key, raw, contentType: "application/x-ndjson" });
    expect(first).toEqual({ status: 200, body: { accepted: 2 } });
    const again = await call("POST", `/api/v1/runs/${run}/metrics?batch_id=nd-1`, { key, raw, contentType: "application/x-ndjson" });
    expect(again.body).toEqual({ accepted: 2, duplicate: true });
    const bad = await call("POST", `/api/v1/runs/${run}/metrics`, { key, raw: '{"step":2,"values":{"a":1}}\n{bad', contentType: "application/x-ndjson" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toEqual(["rows", 1]);
    expect((await readSeries(run, "a")).total).toBe(2);
  });

  it("applies a retried batch id once, and the last write wins per (key, step)", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const batch = { batch_id: "retry-1", rows: [{ step: 5, values: { a: 1 } }] };
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: batch });
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { ...batch, rows: [{ step: 5, values: { a: 99 } }] } });
    expect((await readSeries(run, "a")).points.map((p) => p.value)).toEqual([1]);
    await call("POST", `/api/v1/runs/${run}/metrics`, {
      key,
      body: {
        rows: [
          { step: 5, values: { a: 2 } },
          { step: 5, values: { a: 3 } },
        ],
      },
    });
    const series = await readSeries(run, "a");
    expect(series.total).toBe(1);
    expect(series.points.map((p) => p.value)).toEqual([3]);
  });

  it("keeps the runner's wall time, as unix seconds or ISO-8601", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const rows = [
      { step: 0, time: 1700000000.25, values: { a: 1 } },
      { step: 1, time: "2024-01-01T00:00:00Z", values: { a: 2 } },
    ];
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } });
    expect((await readSeries(run, "a")).points.map((p) => p.time)).toEqual([1700000000.25, 1704067200]);
  });
});

describe("strings Postgres cannot store", () => {
  it("refuses NUL in names, pair ids and config with 422 naming the field, never 500", async () => {
    const { project, key } = await newProject();
    const run = await newRun(project, key);
    const metric = await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 0, values: { "a\u0000b": 1 } }] } });
    expect(metric.status).toBe(422);
    expect(metric.body.error.path).toEqual(["rows", 0, "values", "a\u0000b"]);
    const pair = { step: 0, pair_id: "p\u0000", logp_chosen: -1, logp_rejected: -1, ref_logp_chosen: -1, ref_logp_rejected: -1 };
    expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: [pair] } })).body.error.path).toEqual(["rows", 0, "pair_id"]);
    const config = await call("POST", "/api/v1/runs", { key, body: { project, name: "x", config: { model: { name: "gpt\u0000" } } } });
    expect(config.status).toBe(422);
    expect(config.body.error.path).toEqual(["config", "model", "name"]);
  });
});
