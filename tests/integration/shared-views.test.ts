import { describe, expect, it } from "vitest";
import { baseUrl, call, newProject, newRun } from "./api-client";

/** Shared tables, compare, sweeps and DPO-vs-RM reports: the view's own data, live or frozen, scoped to the saved URL. */

async function logRows(runId: string, key: string, rows: unknown[]) {
  const logged = await call("POST", `/api/v1/runs/${runId}/metrics`, { key, body: { rows } });
  expect(logged.status, JSON.stringify(logged.body)).toBe(200);
}

const steps = (from: number, to: number, values: (step: number) => Record<string, number | string>) =>
  Array.from({ length: to - from }, (_, i) => ({ step: from + i, values: values(from + i) }));

/** A report of `url` with a live and a frozen link. */
async function shareView(project: string, key: string, url: string) {
  const report = await call("POST", `/api/v1/projects/${project}/reports`, { key, body: { title: "View", url } });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  const link = async (mode: string) => {
    const created = await call("POST", `/api/v1/projects/${project}/reports/${report.body.id}/share-links`, { key, body: { mode } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.token as string;
  };
  return { live: await link("live"), frozen: await link("frozen") };
}

async function view(token: string) {
  const response = await call("GET", `/api/v1/share/${token}/view`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe("shared views", () => {
  it("a tables report pivots only the filter's runs of its project; live sees new runs, frozen does not", async () => {
    const { project, key } = await newProject("sv");
    const other = await newProject("sv");
    const make = async (p: { project: string; key: string }, scenario: number, acc: number | string, tags = ["tbl"]) => {
      const run = await newRun(p.project, p.key, { name: `s${scenario}`, tags, config: { scenario } });
      await logRows(run, p.key, [{ step: 0, values: { acc } }]);
    };
    await make({ project, key }, 1, 0.5);
    await make({ project, key }, 1, 0.7);
    await make({ project, key }, 9, 0.1, ["untagged"]);
    await make(other, 7, 0.9);
    const { live, frozen } = await shareView(project, key, `/tables?q=tag:tbl&group=config.scenario&col=last:higher:acc&ref=`);
    await make({ project, key }, 2, "NaN");

    const rows = async (token: string) => (await view(token)).data.pivot.rows.map((r: { label: string; runs: unknown[] }) => [r.label, r.runs.length]);
    expect(await rows(frozen)).toEqual([["1", 2]]);
    expect(await rows(live)).toEqual([
      ["1", 2],
      ["2", 1],
    ]);
    const body = await view(live);
    expect(body.kind).toBe("tables");
    expect(body.data.pivot.rows[0].cells[0]).toMatchObject({ mean: 0.6, n: 2 });
    expect(body.data.pivot.rows[1].cells[0]).toMatchObject({ mean: null, n: 1, nonFinite: { nan: 1 } });
    expect(JSON.stringify(body)).not.toContain("s9");
    const html = await (await fetch(`${baseUrl()}/r/${frozen}`)).text();
    expect(html).toContain('data-testid="results-table"');
    expect(html).toContain("Copy as");
  });

  it("a compare report overlays its runs of the project only; live sees later steps, frozen does not", async () => {
    const { project, key } = await newProject("sv");
    const other = await newProject("sv");
    const [a, b] = [await newRun(project, key, { name: "cmp-a" }), await newRun(project, key, { name: "cmp-b" })];
    const foreign = await newRun(other.project, other.key, { name: "foreign" });
    for (const run of [a, b])
      await logRows(
        run,
        key,
        steps(0, 10, (s) => ({ loss: 1 - s / 20 })),
      );
    await logRows(
      foreign,
      other.key,
      steps(0, 10, () => ({ loss: 5 })),
    );
    const { live, frozen } = await shareView(project, key, `/compare?runs=${a},${b},${foreign}&metrics=loss`);
    await logRows(
      a,
      key,
      steps(10, 20, (s) => ({ loss: s === 19 ? "Infinity" : 0.4 })),
    );

    const frozenView = (await view(frozen)).data;
    expect(frozenView.runs.map((r: { name: string }) => r.name)).toEqual(["cmp-a", "cmp-b"]);
    expect(frozenView.missing).toBe(1);
    expect(JSON.stringify(frozenView)).not.toContain(foreign);
    const lastStep = (v: { metrics: { metric: string; lines: { name: string; data: { x: number[] } }[] }[] }) => v.metrics[0]!.lines[0]!.data.x.at(-1);
    expect(lastStep(frozenView)).toBe(9);
    const liveView = (await view(live)).data;
    expect(lastStep(liveView)).toBe(19);
    expect(liveView.metrics[0].lines[0].data.markers).toEqual([{ label: "+Inf", x: [19], y: [1] }]);
    expect(Object.keys(liveView.diagnostics).sort()).toEqual([a, b].sort());
  });

  it("a sweeps report reads its project's sweep; live sees a β added after sharing, frozen does not", async () => {
    const { project, key } = await newProject("sv");
    const other = await newProject("sv");
    const add = async (p: { project: string; key: string }, beta: number, final: number) => {
      const run = await newRun(p.project, p.key, { name: `b${beta}`, group: "sw", config: { beta } });
      await logRows(
        run,
        p.key,
        steps(0, 5, (s) => ({ loss: final + (4 - s) * 0.1 })),
      );
    };
    await add({ project, key }, 0.1, 1);
    await add({ project, key }, 0.2, 2);
    await add(other, 0.05, 9);
    await add(other, 0.3, 9);
    const { live, frozen } = await shareView(project, key, "/sweeps?sweep=sw&metric=loss");
    await add({ project, key }, 0.4, 4);

    const betas = async (token: string) => (await view(token)).data.aggregates.map((a: { beta: number; mean: number }) => [a.beta, a.mean]);
    expect(await betas(frozen)).toEqual([
      [0.1, 1],
      [0.2, 2],
    ]);
    expect(await betas(live)).toEqual([
      [0.1, 1],
      [0.2, 2],
      [0.4, 4],
    ]);
    const data = (await view(frozen)).data;
    expect(data.sweep).toMatchObject({ group: "sw", parameter: "beta", values: [0.1, 0.2] });
    expect(data.curves.map((l: { name: string }) => l.name)).toEqual(["β = 0.1", "β = 0.2"]);
    expect(data.curves[0].data.x).toEqual([0, 1, 2, 3, 4]);
  });

  it("a DPO-vs-RM report bands its scenario's runs; live sees later steps, frozen does not, other projects never", async () => {
    const { project, key } = await newProject("sv");
    const other = await newProject("sv");
    const add = async (p: { project: string; key: string }, algorithm: string, scenario: number, to: number) => {
      const run = await newRun(p.project, p.key, { name: `${algorithm}-${scenario}`, algorithm, config: { scenario } });
      await logRows(
        run,
        p.key,
        steps(0, to, (s) => ({ "eval/pref_accuracy": 0.5 + s / 100 })),
      );
      return run;
    };
    const dpo = await add({ project, key }, "dpo", 1, 10);
    await add({ project, key }, "reward_model", 1, 10);
    await add({ project, key }, "dpo", 2, 10);
    await add(other, "dpo", 1, 10);
    const { live, frozen } = await shareView(project, key, "/dpo-vs-rm?scenario=1&metric=eval/pref_accuracy&methods=dpo,reward_model");
    await logRows(
      dpo,
      key,
      steps(10, 30, (s) => ({ "eval/pref_accuracy": 0.5 + s / 100 })),
    );

    const summary = async (token: string) =>
      (await view(token)).data.curves.map((c: { method: string; runs: { name: string }[]; curve: { steps: number[] } }) => [
        c.method,
        c.runs.map((r) => r.name),
        c.curve.steps.at(-1),
      ]);
    expect(await summary(frozen)).toEqual([
      ["dpo", ["dpo-1"], 9],
      ["reward_model", ["reward_model-1"], 9],
    ]);
    expect(await summary(live)).toEqual([
      ["dpo", ["dpo-1"], 29],
      ["reward_model", ["reward_model-1"], 9],
    ]);
  });

  it("keeps at most 1000 points per series, and the view endpoint refuses run reports and parameters", async () => {
    const { project, key } = await newProject("sv");
    const run = await newRun(project, key, { name: "long" });
    await logRows(
      run,
      key,
      steps(0, 3000, (s) => ({ loss: s === 1500 ? "NaN" : Math.sin(s) })),
    );
    const { frozen } = await shareView(project, key, `/compare?runs=${run}&metrics=loss`);
    const line = (await view(frozen)).data.metrics[0].lines[0];
    expect(line.data.x.length).toBeLessThanOrEqual(1000);
    expect(line.data.markers[0]).toMatchObject({ label: "NaN", x: [1500] });

    const runReport = await shareView(project, key, `/runs/${run}`);
    expect((await call("GET", `/api/v1/share/${runReport.live}/view`)).status).toBe(404);
    expect((await call("GET", `/api/v1/share/${frozen}/view?runs=${run}`)).status).toBe(422);
  });
});
