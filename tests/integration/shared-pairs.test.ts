// A run report's pair inspector through its share token: a live link answers exactly what the run API answers (and
// sees pairs logged after sharing); a frozen link keeps no pairs and says so, never falling back to live data.
import { describe, expect, it } from "vitest";
import { call, newProject, newRun } from "./api-client";

function pairRows(step: number, pairs: number) {
  return Array.from({ length: pairs }, (_, i) => ({
    step,
    pair_id: `p${i}`,
    logp_chosen: -10 - i - step,
    logp_rejected: -12 - 2 * i - 3 * step,
    ref_logp_chosen: -10,
    ref_logp_rejected: -12,
    len_chosen: 5,
    len_rejected: 6,
  }));
}

describe("shared pairs", () => {
  it("a live link ranks and opens pairs as the run API does; a frozen link keeps none", async () => {
    const { project, key } = await newProject("shpairs");
    const run = await newRun(project, key, { algorithm: "dpo", config: { beta: 0.1 } });
    expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: [...pairRows(0, 5), ...pairRows(10, 5)] } })).status).toBe(200);
    const texts = [0, 1, 2, 3, 4].map((i) => ({ pair_id: `p${i}`, prompt: `prompt ${i}`, chosen: `good ${i}`, rejected: `bad ${i}` }));
    expect((await call("POST", `/api/v1/runs/${run}/pairs`, { key, body: { pairs: texts } })).status).toBe(200);
    const report = (await call("POST", `/api/v1/projects/${project}/reports`, { key, body: { title: "pairs", url: `/runs/${run}` } })).body as { id: string };
    const link = async (mode: string) => (await call("POST", `/api/v1/projects/${project}/reports/${report.id}/share-links`, { key, body: { mode } })).body as { token: string };
    const live = await link("live");
    const frozen = await link("frozen");

    for (const query of ["sort=d_rejected&order=asc", "sort=leaked&order=desc&step=10&q=good%203", "quadrant=both_down&limit=2&offset=1"]) {
      const own = await call("GET", `/api/v1/runs/${run}/pairs?${query}`, { key });
      const shared = await call("GET", `/api/v1/share/${live.token}/pairs?${query}`);
      expect([shared.status, own.status]).toEqual([200, 200]);
      expect(shared.body).toEqual(own.body);
    }
    const ranked = (await call("GET", `/api/v1/share/${live.token}/pairs?sort=d_rejected&order=asc`)).body as { rows: { pair_id: string }[] };
    expect(ranked.rows.map((r) => r.pair_id)).toEqual(["p4", "p3", "p2", "p1", "p0"]);
    const one = await call("GET", `/api/v1/share/${live.token}/pairs/p2`);
    expect(one.body).toEqual((await call("GET", `/api/v1/runs/${run}/pairs/p2`, { key })).body);
    expect(one.body.texts).toEqual({ prompt: "prompt 2", chosen: "good 2", rejected: "bad 2" });

    // Logged after sharing: the live link sees it.
    expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: pairRows(20, 5) } })).status).toBe(200);
    expect((await call("GET", `/api/v1/share/${live.token}/pairs`)).body.steps).toEqual([0, 10, 20]);

    for (const path of ["/pairs", "/pairs/p2"]) {
      const refused = await call("GET", `/api/v1/share/${frozen.token}${path}`);
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toMatch(/frozen link keeps no pairs/);
    }
    expect((await call("GET", `/api/v1/share/${live.token}/pairs?sort=nope`)).body.error.path).toEqual(["sort"]);
  });
});
