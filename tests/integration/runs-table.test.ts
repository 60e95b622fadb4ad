import { describe, expect, it } from "vitest";
import { call, newProject, newRun } from "./api-client";

describe("GET /api/v1/projects/:project/runs-table", () => {
  it("lists every run the filter selects with only the config keys and metric aggregates asked for", async () => {
    const { project, key } = await newProject("rt");
    for (let i = 0; i < 3; i++) {
      const run = await newRun(project, key, { name: `r${i}`, algorithm: i === 1 ? "ipo" : "dpo", config: { beta: 0.1 * (i + 1), seed: i, output_dir: `/out/${i}` } });
      const rows = [0, 1, 2].map((step) => ({ step, values: { loss: 1 - step / 10 - i, "rewards/margins": step + i } }));
      expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } })).status).toBe(200);
    }
    const path = `/api/v1/projects/${project}/runs-table?config=beta,seed&metrics=loss.last,loss.min,rewards/margins.max`;
    const all = await call("GET", path, { key });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.runs.map((r: { name: string }) => r.name)).toEqual(["r2", "r1", "r0"]);
    expect(all.body.runs[2]).toMatchObject({
      name: "r0",
      algorithm: "dpo",
      config: { beta: 0.1, seed: 0 },
      metrics: { loss: { last: 0.8, min: 0.8 }, "rewards/margins": { max: 2 } },
    });
    expect(all.body.runs[2].config).not.toHaveProperty("output_dir");
    expect(all.body.runs[2].metrics.loss).not.toHaveProperty("first");
    expect(all.body.runs[2].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(all.body.config_keys).toEqual(expect.arrayContaining(["beta", "seed", "output_dir"]));
    expect(all.body.metric_names).toEqual(expect.arrayContaining(["loss", "rewards/margins"]));

    const filtered = await call("GET", `${path}&q=${encodeURIComponent("algorithm = dpo")}`, { key });
    expect(filtered.body.runs.map((r: { name: string }) => r.name)).toEqual(["r2", "r0"]);
    expect(filtered.body.total).toBe(2);
    const bad = await call("GET", `${path}&q=${encodeURIComponent("config.beta <")}`, { key });
    expect(bad.status).toBe(422);
    expect(bad.body.error.path).toEqual(["q"]);
  });

  it("answers only for a project the caller may read", async () => {
    const { project } = await newProject("rt");
    const other = await newProject("rt");
    expect((await call("GET", `/api/v1/projects/${project}/runs-table`, { key: other.key })).status).toBe(403);
  });
});
