import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toyRunRows } from "@/lib/demo/toy-records";
import { runToyModel, type ToyModelOptions } from "@/lib/toy-model";
import { baseUrl, call, newProject, newRun } from "./api-client";

async function logToyRun(project: string, key: string, toy: ToyModelOptions, name = "toy"): Promise<string> {
  const toyRun = runToyModel(toy);
  const run = await newRun(project, key, { name, algorithm: toyRun.algorithm, config: toyRun.config });
  const { metrics, sequences } = toyRunRows(toyRun);
  expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: metrics } })).status).toBe(200);
  if (sequences.length) expect((await call("POST", `/api/v1/runs/${run}/sequences`, { key, body: { rows: sequences } })).status).toBe(200);
  return run;
}

/** Flags are recomputed shortly after a burst of batches; wait until the run says it has been. */
async function settledRun(runId: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = (await call("GET", `/api/v1/runs/${runId}`)).body;
    if (last.flags_current) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`flags of ${runId} not recomputed: ${JSON.stringify(last)}`);
}

describe("3D-property flags from ingest", () => {
  it("flags a scenario-1 DPO toy run and explains the flag with numbers; the reward model stays quiet", async () => {
    const { project, key } = await newProject("diag");
    const dpo = await logToyRun(project, key, { scenario: 1, algorithm: "dpo", beta: 0.1, steps: 300, sequencesEvery: 5 }, "dpo");
    const rm = await logToyRun(project, key, { scenario: 1, algorithm: "reward_model", steps: 300 }, "rm");
    const flagged = await settledRun(dpo);
    expect(flagged.flags.map((f: { property: string }) => f.property)).toContain("drastic_drop");
    expect((await settledRun(rm)).flags).toEqual([]);

    const diagnostics = (await call("GET", `/api/v1/runs/${dpo}/diagnostics`)).body;
    const drop = diagnostics.flags.find((f: { property: string }) => f.property === "drastic_drop");
    expect(drop).toMatchObject({ severity: expect.stringMatching(/info|warning|critical/), first_step: expect.any(Number) });
    expect(drop.evidence.drop_ratio).toBeGreaterThanOrEqual(drop.evidence.threshold_drop_ratio);
    expect(diagnostics.series["diag/logp_rejected_change"].at(-1).value).toBeLessThan(diagnostics.series["diag/logp_chosen_change"].at(-1).value);
    expect(diagnostics.summary).toMatchObject({ source: "sequences", algorithm: "dpo" });

    const listed = (await call("GET", `/api/v1/runs?project=${project}&flag=drastic_drop`)).body.runs.map((r: { id: string }) => r.id);
    expect(listed).toEqual([dpo]);

    // The run keeps the diagnostics' latest values for the runs table's columns: the same numbers the series end on.
    const last = (name: string) => diagnostics.series[`diag/${name}`].at(-1).value;
    for (const name of ["drop_ratio", "log_g", "leaked_mass_median", "share_both_down"]) expect(flagged.diagnostics[name], name).toBe(last(name));
    const table = (await call("GET", `/api/v1/projects/${project}/runs-table`)).body.runs;
    expect(table.find((r: { id: string }) => r.id === dpo).diagnostics.drop_ratio).toBe(last("drop_ratio"));
  });

  it("says which diagnostics need per-sequence data when a run has only batch means", async () => {
    const { project, key } = await newProject("diag");
    const run = await newRun(project, key, { algorithm: "dpo", config: { beta: 0.1 } });
    const rows = Array.from({ length: 50 }, (_, step) => ({ step, values: { "logps/chosen": -50 - step * 0.2, "logps/rejected": -55 - step * 0.4 } }));
    await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows } });
    const diagnostics = (await call("GET", `/api/v1/runs/${run}/diagnostics`)).body;
    expect(diagnostics.summary.source).toBe("batch_means");
    expect(diagnostics.unavailable.map((u: { diagnostic: string }) => u.diagnostic).join(" ")).toMatch(/both log-probs fell/);
    expect(diagnostics.flags.map((f: { property: string }) => f.property)).toContain("dispersion");
  });

  it("imports the real fixtures and flags them sensibly", async () => {
    const { project, key } = await newProject("diag");
    const upload = async (file: string, fields: Record<string, string>) => {
      const form = new FormData();
      form.set("project", project);
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.append("file", new Blob([readFileSync(file)]), path.basename(file));
      const response = await fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } });
      return ((await response.json()) as any).runs[0].run.id as string;
    };
    const fixtures = path.resolve(import.meta.dirname, "../fixtures");
    // The TRL DPO run: both log-probs collapse (chosen -1.7 → -15, rejected -2.8 → -27).
    const trl = await upload(path.join(fixtures, "transformers-trainer/trainer_state.json"), { algorithm: "dpo", config: '{"beta":0.1}' });
    const trlFlags = (await settledRun(trl)).flags.map((f: { property: string }) => f.property);
    expect(trlFlags).toEqual(expect.arrayContaining(["dispersion", "degradation"]));
    // Flex-β with β_l = β_w / 20 keeps the chosen rising: no degradation and no dispersion.
    const flex = await upload(path.join(fixtures, "tensorboard/events.out.tfevents.1795720549.vm.416.13"), { algorithm: "flex_dpo", config: '{"beta_w":0.1,"beta_l":0.005}' });
    const flexFlags = (await settledRun(flex)).flags.map((f: { property: string }) => f.property);
    expect(flexFlags).not.toContain("degradation");
    expect(flexFlags).not.toContain("dispersion");
  });
});

describe("training-health flags from ingest", () => {
  it("a batch with NaN for loss raises non_finite (critical) on the run; a sustained loss jump raises loss_spike; both filter", async () => {
    const { project, key } = await newProject("health");
    const loss = (step: number) => 0.2 + 0.5 * Math.exp(-step / 40) + 0.01 * Math.sin(step * 12.9898);
    const broken = await newRun(project, key, { name: "broken", algorithm: "dpo", config: { beta: 0.1 } });
    const healthy = Array.from({ length: 30 }, (_, step) => ({ step, values: { loss: loss(step) } }));
    expect((await call("POST", `/api/v1/runs/${broken}/metrics`, { key, body: { rows: healthy } })).status).toBe(200);
    const nan = [30, 31, 32].map((step) => ({ step, values: { loss: "NaN", "logps/chosen": step === 32 ? "-Infinity" : -50 } }));
    expect((await call("POST", `/api/v1/runs/${broken}/metrics`, { key, body: { rows: nan } })).status).toBe(200);

    const spiking = await newRun(project, key, { name: "spiking", algorithm: "dpo", config: { beta: 0.1 } });
    const rows = Array.from({ length: 80 }, (_, step) => ({ step, values: { loss: loss(step) + (step >= 60 && step < 65 ? 1 : 0) } }));
    expect((await call("POST", `/api/v1/runs/${spiking}/metrics`, { key, body: { rows } })).status).toBe(200);

    const stored = await settledRun(broken);
    const nonFinite = stored.flags.find((f: { property: string }) => f.property === "non_finite");
    expect(nonFinite).toEqual({ property: "non_finite", severity: "critical", first_step: 30, evidence: { count: 4, keys: "loss, logps/chosen", first_key: "loss" } });
    expect(stored.flag_level).toBe(3);
    expect(stored.flags.map((f: { property: string }) => f.property)).not.toContain("loss_spike");

    const spiked = (await settledRun(spiking)).flags;
    expect(spiked).toEqual([expect.objectContaining({ property: "loss_spike", severity: "warning", first_step: 60 })]);
    expect(spiked[0].evidence).toMatchObject({ loss_key: "loss", confirmed_step: 62, threshold_robust_z: 6 });

    const ids = async (query: string) => (await call("GET", `/api/v1/runs?project=${project}&${query}`)).body.runs.map((r: { id: string }) => r.id);
    expect(await ids("flag=non_finite")).toEqual([broken]);
    expect(await ids(`q=${encodeURIComponent("flag = non_finite")}`)).toEqual([broken]);
    expect(await ids(`q=${encodeURIComponent("flag.loss_spike >= warning")}`)).toEqual([spiking]);
    expect(await ids(`q=${encodeURIComponent("flag >= critical")}`)).toEqual([broken]);
  });
});

describe("non_finite on a long run", () => {
  it("counts a lone NaN exactly where the loss is read as bucket means (past 5,000 points)", async () => {
    const { project, key } = await newProject("health");
    const run = await newRun(project, key, { algorithm: "dpo", config: { beta: 0.1 } });
    // One NaN and one -Infinity among 6,000 points: each bucket's mean skips them, so only the exact tally sees them.
    // Two batches: the flags count as current only once computed from both (a write count, not a clock).
    const value = (step: number) => (step === 4_321 ? "NaN" : step === 5_000 ? "-Infinity" : 0.7 - step * 1e-5);
    const rows = Array.from({ length: 6_000 }, (_, step) => ({ step, values: { "train/loss": value(step) } }));
    for (const half of [rows.slice(0, 3_000), rows.slice(3_000)]) {
      expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: half } })).status).toBe(200);
    }
    const flags = (await settledRun(run)).flags;
    expect(flags).toEqual([{ property: "non_finite", severity: "critical", first_step: 4_321, evidence: { count: 2, keys: "train/loss", first_key: "train/loss" } }]);
    // A write that can change the flags leaves them due at once, in its own answer.
    const patched = await call("PATCH", `/api/v1/runs/${run}`, { key, body: { config: { beta: 0.2 } } });
    expect(patched.body.flags_current).toBe(false);
    expect((await settledRun(run)).flags_current).toBe(true);
  });
});

describe("per-project thresholds", () => {
  it("apply to the project's diagnostics; an override that names no threshold is refused", async () => {
    const { project, key } = await newProject("thr");
    const run = await logToyRun(project, key, { scenario: 1, algorithm: "dpo", steps: 200, sequencesEvery: 5 });
    const properties = async () => (await call("GET", `/api/v1/runs/${run}/diagnostics`)).body.flags.map((f: { property: string }) => f.property);
    expect(await properties()).toContain("drastic_drop");
    const never = { minDropRatio: 1e9 };
    const patched = await call("PATCH", `/api/v1/projects/${project}`, { body: { thresholds: { drasticDrop: { info: never, warning: never, critical: never } } } });
    expect(patched.status).toBe(200);
    expect(await properties()).not.toContain("drastic_drop");
    const reset = await call("PATCH", `/api/v1/projects/${project}`, { body: { thresholds: { drasticDrop: null } } });
    expect(reset.body.settings.thresholds).toEqual({});
    expect(await properties()).toContain("drastic_drop");
    const bad = await call("PATCH", `/api/v1/projects/${project}`, { body: { thresholds: { drasticDrop: { warning: { minDropRatoi: 4 } } } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.path).toEqual(["thresholds", "drasticDrop", "warning", "minDropRatoi"]);
  });
});

describe("webhook notifications", () => {
  it("announces a new flag once per run and flag, retrying a failing receiver", async () => {
    const received: any[] = [];
    let failures = 2;
    const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        if (failures-- > 0) return res.writeHead(500).end();
        received.push(JSON.parse(body));
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const { port } = receiver.address() as { port: number };
    try {
      const { project, key } = await newProject("hook");
      const settings = await call("PATCH", `/api/v1/projects/${project}`, { body: { webhook_url: `http://127.0.0.1:${port}/hook` } });
      expect(settings.status).toBe(200);
      const run = await logToyRun(project, key, { scenario: 1, algorithm: "dpo", steps: 300, sequencesEvery: 5 }, "hooked");
      await settledRun(run);
      const deadline = Date.now() + 15_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // More batches recompute the flags; the announcement is not repeated. Recomputations of a run take turns,
      // so once a later batch's recomputation has settled, the one after step 301 has announced all it would.
      await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 301, values: { loss: 0.1 } }] } });
      await settledRun(run);
      await call("POST", `/api/v1/runs/${run}/metrics`, { key, body: { rows: [{ step: 302, values: { loss: 0.1 } }] } });
      await settledRun(run);
      // A marker: another run's announcement, sent after any repeat would have been. Once it arrived, count.
      const marker = await logToyRun(project, key, { scenario: 1, algorithm: "dpo", steps: 300, sequencesEvery: 5 }, "marker");
      const markerDeadline = Date.now() + 15_000;
      while (!received.some((m) => m.prefscope.run_id === marker) && Date.now() < markerDeadline) await new Promise((r) => setTimeout(r, 100));
      expect(received.filter((m) => m.prefscope.run_id === marker).map((m) => m.prefscope.property)).toContain("drastic_drop");
      const drops = received.filter((m) => m.prefscope.run_id === run && m.prefscope.property === "drastic_drop");
      expect(drops).toHaveLength(1);
      expect(drops[0].text).toContain("hooked");
      expect(drops[0].text).toContain(`/p/${project}/runs/${run}`);
      expect(drops[0].blocks[1].text.text).toContain("drop_ratio");
      // Each (run, flag) announced once: no message repeats another.
      const announced = received.map((m) => `${m.prefscope.run_id} ${m.prefscope.property} ${m.prefscope.severity}`);
      expect(new Set(announced).size, announced.join("\n")).toBe(announced.length);
      expect(received.every((m) => m.prefscope.run_id === run || m.prefscope.run_id === marker)).toBe(true);
      expect(failures).toBeLessThan(0);
    } finally {
      receiver.close();
    }
  });

  it("refuses a webhook URL that is not http(s), naming the field", async () => {
    const { project } = await newProject("hook");
    const response = await call("PATCH", `/api/v1/projects/${project}`, { body: { webhook_url: "ftp://example" } });
    expect(response.status).toBe(422);
    expect(response.body.error.path).toEqual(["webhook_url"]);
  });
});
