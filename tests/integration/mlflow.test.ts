import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { responses } from "@/lib/mlflow/contract";
import { call, newProject } from "./api-client";

/*
 * The MLflow tracking endpoints, called with the bodies MLflow's Python client sends (RestStore: `message_to_json`
 * of the service.proto messages: int64 as JSON numbers, doubles' NaN as the string "NaN", run_uuid beside run_id;
 * GET endpoints with the same fields as query parameters) and `Authorization: Bearer <MLFLOW_TRACKING_TOKEN>`.
 */
const API = "/api/2.0/mlflow";
const T0 = 1_733_300_000_000;

async function mlflow(method: "GET" | "POST", path: string, key: string | undefined, body: Record<string, unknown> = {}) {
  if (method === "GET") {
    const query = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)]));
    return call("GET", `${API}/${path}?${query}`, { key });
  }
  return call("POST", `${API}/${path}`, { key, body });
}

function expectError(response: { status: number; body: unknown }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(responses.error.parse(response.body).error_code).toBe(code);
}

async function startRun(key: string, experimentId: string, runName = "dpo-beta-0.1") {
  const created = await mlflow("POST", "runs/create", key, {
    experiment_id: experimentId,
    user_id: "alice",
    start_time: T0,
    tags: [
      { key: "mlflow.user", value: "alice" },
      { key: "mlflow.source.name", value: "train.py" },
      { key: "mlflow.source.type", value: "LOCAL" },
      { key: "mlflow.runName", value: runName },
    ],
    run_name: runName,
  });
  expect(created.status).toBe(200);
  return responses.run.parse(created.body).run;
}

describe("MLflow tracking endpoints", () => {
  it("set_experiment → start_run → log_batch → log_metric → history → search → end_run, visible through /api/v1", async () => {
    const { project, key } = await newProject("mlflow");
    expectError(await mlflow("GET", "experiments/get-by-name", key, { experiment_name: `nope-${randomUUID().slice(0, 8)}` }), 404, "RESOURCE_DOES_NOT_EXIST");
    const byName = await mlflow("GET", "experiments/get-by-name", key, { experiment_name: project });
    expect(byName.status).toBe(200);
    const experiment = responses.experiment.parse(byName.body).experiment;
    expect(experiment).toMatchObject({ name: project, lifecycle_stage: "active" });
    const got = await mlflow("GET", "experiments/get", key, { experiment_id: experiment.experiment_id });
    expect(responses.experiment.parse(got.body).experiment.name).toBe(project);

    const run = await startRun(key, experiment.experiment_id);
    expect(run.info).toMatchObject({ run_name: "dpo-beta-0.1", experiment_id: experiment.experiment_id, status: "RUNNING", user_id: "alice", lifecycle_stage: "active" });
    const runId = run.info.run_id;

    const batch = await mlflow("POST", "runs/log-batch", key, {
      run_id: runId,
      metrics: [
        { key: "train/loss", value: 0.693, timestamp: T0 + 1000, step: 1 },
        { key: "train/rewards/margins", value: "NaN", timestamp: T0 + 1000, step: 1 },
        { key: "train/loss", value: 0.5, timestamp: T0 + 2000, step: 2 },
        { key: "train/rewards/margins", value: "-Infinity", timestamp: T0 + 2000, step: 2 },
      ],
      params: [
        { key: "beta", value: "0.1" },
        { key: "loss_type", value: "sigmoid" },
        { key: "learning_rate", value: "5e-07" },
      ],
      tags: [{ key: "team", value: "alignment" }],
    });
    expect(batch.status).toBe(200);
    expect(responses.empty.parse(batch.body)).toEqual({});
    const metric = await mlflow("POST", "runs/log-metric", key, { run_uuid: runId, run_id: runId, key: "train/loss", value: 0.4, timestamp: T0 + 3000, step: 3 });
    expect(metric.status).toBe(200);
    expect((await mlflow("POST", "runs/log-parameter", key, { run_uuid: runId, run_id: runId, key: "seed", value: "42" })).status).toBe(200);
    expect((await mlflow("POST", "runs/set-tag", key, { run_uuid: runId, run_id: runId, key: "stage", value: "sweep" })).status).toBe(200);

    const history = await mlflow("GET", "metrics/get-history", key, { run_uuid: runId, run_id: runId, metric_key: "train/loss" });
    expect(responses.metricHistory.parse(history.body).metrics).toEqual([
      { key: "train/loss", value: 0.693, timestamp: T0 + 1000, step: 1 },
      { key: "train/loss", value: 0.5, timestamp: T0 + 2000, step: 2 },
      { key: "train/loss", value: 0.4, timestamp: T0 + 3000, step: 3 },
    ]);
    const margins = await mlflow("GET", "metrics/get-history", key, { run_id: runId, metric_key: "train/rewards/margins" });
    expect(margins.body.metrics.map((m: { value: unknown }) => m.value)).toEqual(["NaN", "-Infinity"]);
    expect((await mlflow("GET", "metrics/get-history", key, { run_id: runId, metric_key: "never" })).body).toEqual({ metrics: [] });

    const fetched = responses.run.parse((await mlflow("GET", "runs/get", key, { run_uuid: runId, run_id: runId })).body).run;
    expect(fetched.data.params).toEqual(
      expect.arrayContaining([
        { key: "beta", value: "0.1" },
        { key: "seed", value: "42" },
      ]),
    );
    expect(fetched.data.tags).toEqual(
      expect.arrayContaining([
        { key: "team", value: "alignment" },
        { key: "stage", value: "sweep" },
        { key: "mlflow.runName", value: "dpo-beta-0.1" },
      ]),
    );
    expect(fetched.data.metrics.find((m) => m.key === "train/loss")).toMatchObject({ value: 0.4, step: 3 });

    await startRun(key, experiment.experiment_id, "other-run");
    const search = (filter: string) => mlflow("POST", "runs/search", key, { experiment_ids: [experiment.experiment_id], filter, run_view_type: "ACTIVE_ONLY", max_results: 1000 });
    const found = responses.searchRuns.parse((await search("params.beta = '0.1' and metrics.`train/loss` < 0.45 and tags.team = 'alignment'")).body);
    expect(found.runs.map((r) => r.info.run_id)).toEqual([runId]);
    expect((await search("attributes.run_name LIKE 'other%'")).body.runs.map((r: { info: { run_name: string } }) => r.info.run_name)).toEqual(["other-run"]);
    expect((await search("")).body.runs).toHaveLength(2);
    expectError(await search("params.beta = '0.1' OR params.beta = '0.2'"), 400, "INVALID_PARAMETER_VALUE");

    const ended = await mlflow("POST", "runs/update", key, { run_uuid: runId, run_id: runId, status: "FINISHED", end_time: T0 + 9000 });
    expect(responses.updateRun.parse(ended.body).run_info).toMatchObject({ status: "FINISHED", run_id: runId });

    const own = await call("GET", `/api/v1/runs/${runId}`, { key });
    expect(own.body).toMatchObject({ project, name: "dpo-beta-0.1", algorithm: "dpo", status: "finished", config: { beta: "0.1", loss_type: "sigmoid", seed: "42" } });
    expect(own.body.summary["mlflow.tags"]).toMatchObject({ team: "alignment", stage: "sweep", "mlflow.user": "alice" });
    const series = await call("GET", `/api/v1/runs/${runId}/metrics?keys=train/rewards/margins`, { key });
    expect(series.body.series[0].points.map((p: { value: unknown }) => p.value)).toEqual(["NaN", "-Infinity"]);
  });

  it("takes transformers' MLflowCallback's calls: params in batches of 100, metrics per log step, end_run; β and loss_type reach the diagnostics", async () => {
    const { project, key } = await newProject("mlflow");
    const experimentId = responses.experiment.parse((await mlflow("GET", "experiments/get-by-name", key, { experiment_name: project })).body).experiment.experiment_id;
    const runId = (await startRun(key, experimentId, "trl-dpo")).info.run_id;
    // TrainingArguments + DPOConfig, str()-ed by MLflow's Param: TRL ≥ 0.20 logs loss_type as a list.
    const params = Array.from({ length: 150 }, (_, i) => ({ key: `arg_${i}`, value: String(i) }));
    params.push({ key: "beta", value: "0.25" }, { key: "loss_type", value: "['sigmoid']" });
    for (let i = 0; i < params.length; i += 100) {
      expect((await mlflow("POST", "runs/log-batch", key, { run_id: runId, params: params.slice(i, i + 100) })).status).toBe(200);
    }
    const started = performance.now();
    for (let step = 1; step <= 50; step++) {
      const logs = {
        loss: 0.69 - step * 0.01,
        "rewards/chosen": 0.01 * step,
        "rewards/rejected": -0.01 * step,
        "rewards/margins": 0.02 * step,
        "logps/chosen": -50 + step * 0.1,
        "logps/rejected": -50 - step * 0.2,
      };
      const metrics = Object.entries(logs).map(([k, value]) => ({ key: k, value, timestamp: T0 + step * 1000, step }));
      expect((await mlflow("POST", "runs/log-batch", key, { run_id: runId, metrics })).status).toBe(200);
    }
    const mlflowMs = (performance.now() - started) / 50;
    // The same rows through /api/v1, for comparison (numbers only: the machine's load decides them).
    const v1Run = (await call("POST", "/api/v1/runs", { key, body: { project, name: "v1-twin" } })).body.id as string;
    const v1Started = performance.now();
    for (let step = 1; step <= 50; step++) {
      const values = {
        loss: 0.69 - step * 0.01,
        "rewards/chosen": 0.01 * step,
        "rewards/rejected": -0.01 * step,
        "rewards/margins": 0.02 * step,
        "logps/chosen": -50,
        "logps/rejected": -50,
      };
      expect((await call("POST", `/api/v1/runs/${v1Run}/metrics`, { key, body: { rows: [{ step, values, time: (T0 + step * 1000) / 1000 }] } })).status).toBe(200);
    }
    console.log(`[mlflow] 6 metrics a step, 50 steps: log-batch ${mlflowMs.toFixed(1)} ms a call, /api/v1 metrics ${((performance.now() - v1Started) / 50).toFixed(1)} ms`);
    expect((await mlflow("POST", "runs/update", key, { run_id: runId, status: "FINISHED", end_time: T0 + 60_000 })).status).toBe(200);

    const own = await call("GET", `/api/v1/runs/${runId}`, { key });
    expect(own.body).toMatchObject({ algorithm: "dpo", status: "finished", config: { beta: "0.25", arg_149: "149" } });
    const diagnostics = await call("GET", `/api/v1/runs/${runId}/diagnostics`, { key });
    expect(diagnostics.body.summary.algorithm).toBe("dpo");
    expect(diagnostics.body.summary.assumptions.join(" ")).not.toContain("config has no beta");
    // Without β, the same run's diagnostics say they assumed one: the check above can fail.
    const bare = (await startRun(key, experimentId, "no-beta")).info.run_id;
    await mlflow("POST", "runs/log-batch", key, {
      run_id: bare,
      params: [{ key: "loss_type", value: "sigmoid" }],
      metrics: [{ key: "rewards/margins", value: 0.1, timestamp: T0, step: 1 }],
    });
    const assumed = await call("GET", `/api/v1/runs/${bare}/diagnostics`, { key });
    expect(assumed.body.summary.assumptions.join(" ")).toContain("config has no beta");
  });

  it("answers MLflow's error codes, and a refused request writes nothing", async () => {
    const { key } = await newProject("mlflow");
    const experimentId = responses.experiment.parse((await mlflow("GET", "experiments/get", key, { experiment_id: "0" })).body).experiment.experiment_id;
    const runId = (await startRun(key, "0")).info.run_id;
    expectError(await mlflow("GET", "runs/get", key, { run_id: randomUUID() }), 404, "RESOURCE_DOES_NOT_EXIST");
    expectError(await mlflow("GET", "runs/get", key, {}), 400, "INVALID_PARAMETER_VALUE");
    expectError(await mlflow("GET", "experiments/get", key, { experiment_id: "999999" }), 404, "RESOURCE_DOES_NOT_EXIST");
    expectError(await mlflow("POST", "runs/create", key, { experiment_id: "999999" }), 404, "RESOURCE_DOES_NOT_EXIST");
    expectError(await mlflow("POST", "runs/create", undefined, { experiment_id: experimentId }), 401, "UNAUTHENTICATED");
    const project = responses.experiment.parse((await mlflow("GET", "experiments/get", key, { experiment_id: experimentId })).body).experiment.name;
    const readKey = (await call("POST", `/api/v1/projects/${project}/keys`, { body: { name: "ro", scope: "read" } })).body.key as string;
    expectError(await mlflow("POST", "runs/create", readKey, { experiment_id: experimentId }), 403, "PERMISSION_DENIED");
    expectError(await mlflow("POST", "runs/log-batch", readKey, { run_id: runId }), 403, "PERMISSION_DENIED");
    expect((await mlflow("GET", "runs/get", readKey, { run_id: runId })).status).toBe(200);
    expectError(await mlflow("POST", "runs/log-batch", undefined, { run_id: runId }), 401, "UNAUTHENTICATED");
    expectError(await mlflow("POST", "runs/log-batch", "ps_not-a-key", { run_id: runId }), 401, "UNAUTHENTICATED");

    await mlflow("POST", "runs/log-batch", key, { run_id: runId, params: [{ key: "beta", value: "0.1" }] });
    const refused = [
      {
        metrics: [
          { key: "loss", value: 1, timestamp: T0, step: 1 },
          { key: "loss", value: "abc", timestamp: T0, step: 2 },
        ],
      },
      { metrics: [{ key: "loss", value: 1, timestamp: T0, step: -1 }] },
      { metrics: [{ key: "loss", value: 1, timestamp: T0, step: 1 }], params: [{ key: "beta", value: "0.2" }] },
      { metrics: Array.from({ length: 1001 }, (_, step) => ({ key: "loss", value: 1, timestamp: T0, step })) },
      { metrics: [{ key: "loss", value: 1, step: 1 }] },
    ];
    for (const body of refused) expectError(await mlflow("POST", "runs/log-batch", key, { run_id: runId, ...body }), 400, "INVALID_PARAMETER_VALUE");
    const run = responses.run.parse((await mlflow("GET", "runs/get", key, { run_id: runId })).body).run;
    expect(run.data.metrics).toEqual([]);
    expect(run.data.params).toEqual([{ key: "beta", value: "0.1" }]);
    expect(run.info.experiment_id).toBe(experimentId);

    expectError(await mlflow("POST", "runs/delete-tag", key, { run_id: runId, key: "nope" }), 404, "RESOURCE_DOES_NOT_EXIST");
    // Tags set at once (MLflow's async logging sends batches from several threads) all stay; a deleted one goes.
    const tagged = await Promise.all(Array.from({ length: 8 }, (_, i) => mlflow("POST", "runs/set-tag", key, { run_id: runId, key: `t${i}`, value: `v${i}` })));
    expect(tagged.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect((await mlflow("POST", "runs/delete-tag", key, { run_id: runId, key: "t3" })).status).toBe(200);
    const tags = responses.run.parse((await mlflow("GET", "runs/get", key, { run_id: runId })).body).run.data.tags.map((t) => t.key);
    expect(tags.filter((k) => /^t\d$/.test(k)).sort()).toEqual(["t0", "t1", "t2", "t4", "t5", "t6", "t7"]);
    expectError(await mlflow("POST", "runs/update", key, { run_id: runId, status: "PAUSED" }), 400, "INVALID_PARAMETER_VALUE");
    expectError(await mlflow("POST", "experiments/create", key, { name: `new-${randomUUID().slice(0, 8)}` }), 403, "PERMISSION_DENIED");
    expectError(await mlflow("POST", "artifacts/list", key, { run_id: runId }), 501, "NOT_IMPLEMENTED");
    expectError(
      await call("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/x/artifacts/model.pt", { key, raw: "bytes", contentType: "application/octet-stream" }),
      501,
      "NOT_IMPLEMENTED",
    );
    expectError(await mlflow("POST", "runs/fly", key), 404, "ENDPOINT_NOT_FOUND");
    expect((await mlflow("POST", "runs/get", key, { run_id: runId })).status).toBe(405);
  });

  it("creates experiments where projects may be created, and takes Python's bare NaN tokens", async () => {
    const name = `exp-${randomUUID().slice(0, 8)}`;
    const created = await mlflow("POST", "experiments/create", undefined, { name, tags: [{ key: "k", value: "v" }] });
    expect(created.status).toBe(200);
    const { experiment_id } = responses.createExperiment.parse(created.body);
    expectError(await mlflow("POST", "experiments/create", undefined, { name }), 400, "RESOURCE_ALREADY_EXISTS");
    expectError(await mlflow("POST", "experiments/create", undefined, { name: "has space" }), 400, "INVALID_PARAMETER_VALUE");
    const listed = responses.searchExperiments.parse((await mlflow("POST", "experiments/search", undefined, { max_results: 1000, filter: `name = '${name}'` })).body);
    expect(listed.experiments.map((e) => e.experiment_id)).toEqual([experiment_id]);

    const key = (await call("POST", `/api/v1/projects/${name}/keys`, { body: { name: "mlflow" } })).body.key as string;
    const runId = (await startRun(key, experiment_id)).info.run_id;
    const raw = `{"run_id": "${runId.replaceAll("-", "")}", "metrics": [{"key": "m", "value": NaN, "timestamp": ${T0}, "step": 0}, {"key": "m", "value": Infinity, "timestamp": ${T0}, "step": 1}]}`;
    expect((await call("POST", `${API}/runs/log-batch`, { key, raw })).status).toBe(200);
    const history = await mlflow("GET", "metrics/get-history", key, { run_id: runId, metric_key: "m" });
    expect(history.body.metrics.map((m: { value: unknown }) => m.value)).toEqual(["NaN", "Infinity"]);

    expect((await mlflow("POST", "runs/delete", key, { run_id: runId })).status).toBe(200);
    const search = (run_view_type: string) => mlflow("POST", "runs/search", key, { experiment_ids: [experiment_id], run_view_type });
    expect((await search("ACTIVE_ONLY")).body.runs).toEqual([]);
    expect((await search("DELETED_ONLY")).body.runs[0].info).toMatchObject({ run_id: runId, lifecycle_stage: "deleted" });
    expect((await mlflow("POST", "runs/restore", key, { run_id: runId })).status).toBe(200);
    expect((await search("ACTIVE_ONLY")).body.runs).toHaveLength(1);
  });
});
