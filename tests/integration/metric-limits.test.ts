// Caps on distinct metric names (per batch, per run) and paging of a run's series: one run with a huge number of
// names must not stall ingest or its page. Defaults: 1,000 names a batch, 10,000 a run, 100 series a page.
import { describe, expect, it } from "vitest";
import { baseUrl, call, newProject, newRun } from "./api-client";

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}/${String(i).padStart(5, "0")}`);
const oneRow = (keys: string[], step = 1) => ({ step, values: Object.fromEntries(keys.map((k, i) => [k, i])) });

async function keyCount(runId: string): Promise<number> {
  const response = await call("GET", `/api/v1/runs/${runId}/metrics?limit=1&max_points=2`);
  expect(response.status).toBe(200);
  return response.body.total_keys;
}

describe("distinct metric names per batch", () => {
  it("takes 1,000 names in a batch and refuses 1,001 spread over rows with 413 naming rows, writing nothing", async () => {
    const { project, key } = await newProject("card");
    const runId = await newRun(project, key);
    const spread = names("a", 1001).map((name, i) => ({ step: i, values: { [name]: i } }));
    const refused = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { batch_id: "b1", rows: spread } });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toMatchObject({ code: "payload_too_large", path: ["rows"] });
    expect(refused.body.error.message).toContain("1000");
    expect(await keyCount(runId)).toBe(0);
    // Nothing was claimed either: the same batch id, split, is stored.
    const first = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { batch_id: "b1", rows: spread.slice(0, 1000) } });
    expect(first).toEqual({ status: 200, body: { accepted: 1000 } });
    expect(await keyCount(runId)).toBe(1000);
  });

  it("refuses one row naming 1,001 metrics with 422 naming the row (no split can make it fit)", async () => {
    const { project, key } = await newProject("card");
    const runId = await newRun(project, key);
    const refused = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows: [oneRow(names("b", 1001))] } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.path).toEqual(["rows", 0, "values"]);
    expect(await keyCount(runId)).toBe(0);
    const ndjson = names("b", 1001)
      .map((name, i) => JSON.stringify({ step: i, values: { [name]: 1 } }))
      .join("\n");
    const nd = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, raw: ndjson, contentType: "application/x-ndjson" });
    expect([nd.status, nd.body.error.path]).toEqual([413, ["rows"]]);
  });
});

describe("distinct metric names per run, and paging of a run's series", () => {
  it("holds 10,000 names, refuses the 10,001st with 422 writing nothing, keeps taking known names, and pages them", async () => {
    const { project, key } = await newProject("card");
    const runId = await newRun(project, key);
    const all = names("m", 10_000);
    for (let i = 0; i < all.length; i += 1000) {
      const response = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows: [oneRow(all.slice(i, i + 1000))] } });
      expect(response.status).toBe(200);
    }
    const over = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows: [{ step: 2, values: { [all[0]!]: 1, "new/one": 1 } }] } });
    expect(over.status).toBe(422);
    expect(over.body.error.path).toEqual(["rows"]);
    expect(over.body.error.message).toContain("10000");
    expect(await keyCount(runId)).toBe(10_000);
    const first = await call("GET", `/api/v1/runs/${runId}/metrics?keys=${encodeURIComponent(all[0]!)}`);
    expect(first.body.series[0].total).toBe(1); // the refused batch's row for a known name was not written either
    expect(await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows: [{ step: 2, values: { [all[0]!]: 1 } }] } })).toMatchObject({ status: 200 });

    // Paging: a page of series (100 by default), the total, and where the next page starts.
    const page = await call("GET", `/api/v1/runs/${runId}/metrics?max_points=2`);
    expect(page.body.series).toHaveLength(100);
    expect(page.body).toMatchObject({ total_keys: 10_000, offset: 0, next_offset: 100 });
    expect(page.body.series[0].key).toBe("m/00000");
    const last = await call("GET", `/api/v1/runs/${runId}/metrics?max_points=2&limit=500&offset=9900`);
    expect(last.body.series.map((s: { key: string }) => s.key)).toEqual(all.slice(9900));
    expect(last.body.next_offset).toBeNull();
    const matched = await call("GET", `/api/v1/runs/${runId}/metrics?max_points=2&match=${encodeURIComponent("m/0999")}`);
    expect(matched.body.series.map((s: { key: string }) => s.key)).toEqual(all.slice(9990));
    expect(matched.body).toMatchObject({ total_keys: 10, next_offset: null });
    for (const bad of ["limit=0", "limit=501", "offset=-1", "limit=0x10", "offset=1.0"]) {
      const response = await call("GET", `/api/v1/runs/${runId}/metrics?${bad}`);
      expect([response.status, response.body.error.path], bad).toEqual([422, [bad.split("=")[0]]]);
    }
  });
});

describe("distinct metric names per run, through an import", () => {
  it("refuses a file naming more metrics than a run may hold with 422 and leaves no run behind", async () => {
    const { project, key } = await newProject("card");
    const columns = names("c", 10_001);
    const csv = `step,${columns.join(",")}\n0,${columns.map((_, i) => i).join(",")}\n`;
    const form = new FormData();
    form.set("project", project);
    form.append("file", new Blob([csv], { type: "text/csv" }), "wide.csv");
    const response = await fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } });
    const body = await response.json();
    expect([response.status, body.error.path]).toEqual([422, ["file"]]);
    const runs = await call("GET", `/api/v1/runs?project=${project}`);
    expect(runs.body.runs).toEqual([]);
  });
});
