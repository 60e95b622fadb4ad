import { describe, expect, it } from "vitest";
import { baseUrl, call, newProject, newRun } from "./api-client";

const SHARE_PARTS = ["", "/run", "/metrics", "/diagnostics", "/runs"];

/** Batch means of a DPO run, steps [from, to): enough for the diagnostics to have something to say. */
function dpoRows(from: number, to: number, extra: Record<string, number> = {}) {
  return Array.from({ length: to - from }, (_, i) => {
    const step = from + i;
    return { step, values: { loss: 0.69 - step * 0.01, "logps/chosen": -50 - step * 0.2, "logps/rejected": -55 - step * 0.4, ...extra } };
  });
}

async function logRows(runId: string, key: string, rows: unknown[]) {
  expect((await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows } })).status).toBe(200);
}

async function newReport(project: string, key: string, url: string, title = "A report") {
  const created = await call("POST", `/api/v1/projects/${project}/reports`, { key, body: { title, note: "why this matters", url } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; view: string; url: string };
}

async function newLink(project: string, key: string, reportId: string, body: Record<string, unknown>) {
  const created = await call("POST", `/api/v1/projects/${project}/reports/${reportId}/share-links`, { key, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: number; token: string; path: string; url: string; mode: string; prefix: string };
}

const share = (token: string, part = "") => call("GET", `/api/v1/share/${token}${part}`);
const seriesKeys = (body: { series: { key: string }[] }) => body.series.map((s) => s.key).sort();

describe("reports", () => {
  it("saves a view with its kind taken from the URL, lists it, and refuses URLs outside the project", async () => {
    const { project, key } = await newProject("rep");
    const run = await newRun(project, key);
    const report = await newReport(project, key, `/runs/${run}`, "Run 1");
    expect(report).toMatchObject({ view: "run", url: `/runs/${run}`, title: "Run 1", note: "why this matters" });
    expect((await newReport(project, key, "?q=algorithm%20%3D%20dpo&flag=dispersion")).view).toBe("runs");
    expect((await newReport(project, key, `/compare?runs=${run}`)).view).toBe("compare");

    const listed = (await call("GET", `/api/v1/projects/${project}/reports`)).body.reports;
    expect(listed.map((r: { title: string }) => r.title)).toContain("Run 1");

    for (const url of ["https://example.com/x", "//example.com", "/runs/not-a-uuid", "/runs/../keys", "/%2e%2e/keys", "/settings", "/tables#x"]) {
      const refused = await call("POST", `/api/v1/projects/${project}/reports`, { key, body: { title: "x", url } });
      expect(refused.status, url).toBe(422);
      expect(refused.body.error.path).toEqual(["url"]);
    }
    for (const body of [
      { title: "nul\u0000", url: "" },
      { title: "x", note: "\u0000", url: "" },
      { title: "x", url: "?q=\u0000" },
    ]) {
      const refused = await call("POST", `/api/v1/projects/${project}/reports`, { key, body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
    }
    const mismatch = await call("POST", `/api/v1/projects/${project}/reports`, { key, body: { title: "x", url: "", view: "run" } });
    expect(mismatch.status).toBe(422);
    // Local mode: no key needed on this machine, but another site's page is refused.
    const crossSite = { "sec-fetch-site": "cross-site" };
    expect((await call("POST", `/api/v1/projects/${project}/reports`, { body: { title: "no key", url: "" }, headers: crossSite })).status).toBe(403);
    const other = await newProject("rep");
    expect((await call("POST", `/api/v1/projects/${project}/reports`, { key: other.key, body: { title: "x", url: "" } })).status).toBe(403);
  });

  it("a live link sees data logged after sharing; a frozen one keeps what it captured", async () => {
    const { project, key } = await newProject("rep");
    const run = await newRun(project, key, { algorithm: "dpo", config: { beta: 0.1 } });
    await logRows(run, key, dpoRows(0, 40));
    const report = await newReport(project, key, `/runs/${run}`);
    const live = await newLink(project, key, report.id, { mode: "live" });
    const frozen = await newLink(project, key, report.id, { mode: "frozen" });
    expect(live.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(live.url).toMatch(new RegExp(`/r/${live.token}$`));
    expect(live.prefix).toBe(live.token.slice(0, 6));
    // Only the hash is kept: no listing shows a token again.
    expect(JSON.stringify((await call("GET", `/api/v1/projects/${project}/reports`)).body)).not.toContain(live.token.slice(6));

    const before = { frozen: (await share(frozen.token, "/diagnostics")).body, live: (await share(live.token, "/diagnostics")).body };
    expect(before.frozen.summary).toMatchObject({ source: "batch_means", last_step: 39 });
    expect(before.live.summary.last_step).toBe(39);

    await logRows(run, key, dpoRows(40, 80, { late_metric: 1 }));
    await logRows(run, key, [{ step: 80, values: { loss: "NaN" } }]);
    expect((await call("PATCH", `/api/v1/runs/${run}`, { key, body: { config: { beta: 0.5 } } })).status).toBe(200);

    const liveMetrics = (await share(live.token, "/metrics")).body;
    expect(seriesKeys(liveMetrics)).toContain("late_metric");
    const liveLoss = liveMetrics.series.find((s: { key: string }) => s.key === "loss");
    expect(liveLoss.total).toBe(81);
    expect(liveLoss.points.at(-1).value).toBe("NaN");
    expect((await share(live.token, "/run")).body.config.beta).toBe(0.5);
    expect((await share(live.token, "/diagnostics")).body.summary.last_step).toBeGreaterThan(39);

    const frozenMetrics = (await share(frozen.token, "/metrics")).body;
    expect(seriesKeys(frozenMetrics)).not.toContain("late_metric");
    expect(frozenMetrics.series.find((s: { key: string }) => s.key === "loss").total).toBe(40);
    expect((await share(frozen.token, "/run")).body.config.beta).toBe(0.1);
    expect((await share(frozen.token, "/diagnostics")).body).toEqual(before.frozen);

    const meta = (await share(frozen.token)).body;
    expect(meta).toMatchObject({ report: { title: "A report", note: "why this matters", view: "run" }, link: { mode: "frozen", expires_at: null } });
  });

  it("serves at most 1000 points per key, keeping non-finite values in a frozen snapshot", async () => {
    const { project, key } = await newProject("rep");
    const run = await newRun(project, key);
    const rows = Array.from({ length: 3000 }, (_, step) => ({ step, values: { loss: step === 1500 ? "Infinity" : Math.sin(step) } }));
    await logRows(run, key, rows);
    const report = await newReport(project, key, `/runs/${run}`);
    const frozen = await newLink(project, key, report.id, { mode: "frozen" });
    const [loss] = (await share(frozen.token, "/metrics")).body.series;
    expect(loss).toMatchObject({ key: "loss", total: 3000, sampled: true });
    expect(loss.points.length).toBeLessThanOrEqual(1000);
    expect(loss.points.map((p: { value: unknown }) => p.value)).toContain("Infinity");
  });

  it("refuses revoked (410), expired (410) and unknown (404) tokens with no data, and deleted reports' tokens", async () => {
    const { project, key } = await newProject("rep");
    const run = await newRun(project, key);
    await logRows(run, key, dpoRows(0, 5));
    const report = await newReport(project, key, `/runs/${run}`);
    const link = await newLink(project, key, report.id, { mode: "frozen" });
    expect((await share(link.token, "/run")).status).toBe(200);

    expect((await call("DELETE", `/api/v1/projects/${project}/reports/${report.id}/share-links/${link.id}`, { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await call("DELETE", `/api/v1/projects/${project}/reports/${report.id}/share-links/${link.id}`, { key })).status).toBe(204);
    for (const part of SHARE_PARTS) {
      const refused = await share(link.token, part);
      expect(refused.status, part).toBe(410);
      expect(Object.keys(refused.body)).toEqual(["error"]);
      expect(refused.body.error.message).toMatch(/revoked/);
    }
    expect((await call("DELETE", `/api/v1/projects/${project}/reports/${report.id}/share-links/${link.id}`, { key })).status).toBe(404);
    // The shared page says why, and shows none of the run.
    const page = await fetch(`${baseUrl()}/r/${link.token}`);
    const html = await page.text();
    expect(html).toContain("This link was revoked");
    expect(html).not.toContain(run);
    expect((await fetch(`${baseUrl()}/r/${"B".repeat(32)}`)).status).toBe(404);
    const listed = (await call("GET", `/api/v1/projects/${project}/reports/${report.id}`)).body.share_links[0];
    expect(listed).toMatchObject({ id: link.id, state: "revoked", revoked_at: expect.any(String) });

    // A link with a minute left answers (a margin no slow machine eats up); one with a second left is polled,
    // with a generous deadline, until it is refused as expired. Neither depends on when the test looks.
    const current = await newLink(project, key, report.id, { mode: "live", expires_in_days: 60 / 86_400 });
    expect((await share(current.token, "/run")).status).toBe(200);
    const brief = await newLink(project, key, report.id, { mode: "live", expires_in_days: 1 / 86_400 });
    const deadline = Date.now() + 15_000;
    let expired = await share(brief.token, "/run");
    while (expired.status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      expired = await share(brief.token, "/run");
    }
    expect(expired.status).toBe(410);
    expect(expired.body.error.message).toMatch(/expired/);
    expect(Object.keys(expired.body)).toEqual(["error"]);
    expect((await share(current.token, "/run")).status).toBe(200);
    const states = new Map<number, string>(
      (await call("GET", `/api/v1/projects/${project}/reports/${report.id}`)).body.share_links.map((l: { id: number; state: string }) => [l.id, l.state]),
    );
    expect([states.get(current.id), states.get(brief.id)]).toEqual(["active", "expired"]);

    expect((await share("A".repeat(32))).status).toBe(404);
    expect((await share("short")).status).toBe(404);

    const kept = await newLink(project, key, report.id, { mode: "live" });
    expect((await call("DELETE", `/api/v1/projects/${project}/reports/${report.id}`, { key })).status).toBe(204);
    expect((await share(kept.token, "/run")).status).toBe(404);
  });

  it("a token opens its report's run and nothing else", async () => {
    const { project, key } = await newProject("rep");
    const [runA, runB] = [await newRun(project, key, { name: "a" }), await newRun(project, key, { name: "b" })];
    await logRows(runA, key, [{ step: 0, values: { only_a: 1 } }]);
    await logRows(runB, key, [{ step: 0, values: { only_b: 2 } }]);
    const reportA = await newReport(project, key, `/runs/${runA}`);
    const reportB = await newReport(project, key, `/runs/${runB}`);
    const tokenA = (await newLink(project, key, reportA.id, { mode: "live" })).token;
    const linkB = await newLink(project, key, reportB.id, { mode: "live" });

    expect((await share(tokenA, "/run")).body.id).toBe(runA);
    expect(seriesKeys((await share(tokenA, "/metrics")).body)).toEqual(["only_a"]);
    // What a token shows is fixed by its report: no parameter or path reaches another run.
    expect((await share(tokenA, `/run?run=${runB}`)).status).toBe(422);
    expect((await share(tokenA, `/metrics?id=${runB}`)).status).toBe(422);
    expect((await fetch(`${baseUrl()}/api/v1/share/${tokenA}/runs/${runB}`)).status).toBe(404);
    expect((await share(tokenA, "/runs")).status).toBe(404);
    // Link ids are checked against their report.
    expect((await call("DELETE", `/api/v1/projects/${project}/reports/${reportA.id}/share-links/${linkB.id}`, { key })).status).toBe(404);
    expect((await share(linkB.token, "/run")).body.id).toBe(runB);

    const other = await newProject("rep");
    const refused = await call("POST", `/api/v1/projects/${other.project}/reports`, { key: other.key, body: { title: "x", url: `/runs/${runA}` } });
    expect(refused.status).toBe(422);
    expect((await call("GET", `/api/v1/projects/${other.project}/reports/${reportA.id}`)).status).toBe(404);
    expect((await call("POST", `/api/v1/projects/${other.project}/reports/${reportA.id}/share-links`, { key: other.key, body: { mode: "live" } })).status).toBe(404);
  });

  it("a runs-table report lists its project's runs by the saved filter, live or as frozen", async () => {
    const { project, key } = await newProject("rep");
    const other = await newProject("rep");
    await newRun(other.project, other.key, { name: "elsewhere", algorithm: "dpo" });
    const dpo = await newRun(project, key, { name: "dpo-1", algorithm: "dpo" });
    await newRun(project, key, { name: "ipo-1", algorithm: "ipo" });
    await logRows(dpo, key, [{ step: 0, values: { loss: "NaN" } }]);
    // The URL's own `project` is ignored: the report's project decides.
    const report = await newReport(project, key, `?q=${encodeURIComponent("algorithm = dpo")}&project=${other.project}`);
    const live = await newLink(project, key, report.id, { mode: "live" });
    const frozen = await newLink(project, key, report.id, { mode: "frozen", expires_in_days: 7 });
    await newRun(project, key, { name: "dpo-2", algorithm: "dpo" });

    const names = async (token: string) => (await share(token, "/runs")).body.runs.map((r: { name: string }) => r.name).sort();
    expect(await names(live.token)).toEqual(["dpo-1", "dpo-2"]);
    expect(await names(frozen.token)).toEqual(["dpo-1"]);
    const frozenRuns = (await share(frozen.token, "/runs")).body;
    expect(frozenRuns.runs[0].metrics.loss.last).toBe("NaN");
    expect((await share(frozen.token, "/run")).status).toBe(404);
    expect((await share(frozen.token)).body.link.expires_at).toEqual(expect.any(String));

    const compare = await newReport(project, key, `/compare?runs=${dpo},${await newRun(other.project, other.key)}`);
    const compareLink = await newLink(project, key, compare.id, { mode: "live" });
    expect(await names(compareLink.token)).toEqual(["dpo-1"]);
  });
});
