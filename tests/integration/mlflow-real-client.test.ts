import { describe, expect, it } from "vitest";
import { responses } from "@/lib/mlflow/contract";
import { call, newProject } from "./api-client";

/*
 * Requests exactly as MLflow's own Python client sent them to PrefScope in a manual check (2026-12-04, MLflow
 * 2.12.2.dev0 and 3.2.1.dev0, captured by a logging proxy): the shapes mlflow.test.ts does not already send —
 * the 3.x client's per-metric `run_id` in log-batch, get-history's `max_results=25000` query, search_runs paging
 * by `page_token`, and the artifact proxy calls behind log_text / log_artifact / list_artifacts.
 */
const API = "/api/2.0/mlflow";

async function startRun(key: string, experimentId: string, runName: string, startTime: number): Promise<string> {
  const tags = [
    { key: "mlflow.user", value: "root" },
    { key: "mlflow.source.name", value: "check.py" },
    { key: "mlflow.source.type", value: "LOCAL" },
    { key: "mlflow.runName", value: runName },
  ];
  const body = { experiment_id: experimentId, user_id: "root", run_name: runName, start_time: startTime, tags };
  const created = await call("POST", `${API}/runs/create`, { key, body });
  expect(created.status).toBe(200);
  return responses.run.parse(created.body).run.info.run_id;
}

async function experimentOf(project: string, key: string): Promise<string> {
  const got = await call("GET", `${API}/experiments/get-by-name?experiment_name=${project}`, { key });
  return responses.experiment.parse(got.body).experiment.experiment_id;
}

describe("MLflow endpoints, with the requests MLflow's Python client sends", () => {
  it("log-batch with the 3.x client's per-metric run_id, then get-history with its max_results query", async () => {
    const { project, key } = await newProject("mlflow-client");
    const runId = await startRun(key, await experimentOf(project, key), "dpo-real-client", 1_796_420_567_184);
    const raw = `{"run_id": "${runId}", "metrics": [{"key": "rewards/margins", "value": 0.25, "timestamp": 1796420567953, "step": 3, "run_id": "${runId}"}, {"key": "rewards/margins", "value": NaN, "timestamp": 1796420567960, "step": 4, "run_id": "${runId}"}]}`;
    const logged = await call("POST", `${API}/runs/log-batch`, { key, raw });
    expect(logged).toEqual({ status: 200, body: {} });

    const query = `run_uuid=${runId}&metric_key=rewards%2Fmargins&run_id=${runId}&max_results=25000`;
    const history = await call("GET", `${API}/metrics/get-history?${query}`, { key });
    expect(history.status).toBe(200);
    expect(responses.metricHistory.parse(history.body)).toEqual({
      metrics: [
        { key: "rewards/margins", value: 0.25, timestamp: 1_796_420_567_953, step: 3 },
        { key: "rewards/margins", value: Number.NaN, timestamp: 1_796_420_567_960, step: 4 },
      ],
    });
    expect(history.body.metrics[1].value).toBe("NaN");
  });

  it("pages search_runs by max_results and the page_token it answered, as MlflowClient.search_runs does", async () => {
    const { project, key } = await newProject("mlflow-client");
    const experimentId = await experimentOf(project, key);
    const first = await startRun(key, experimentId, "first", 1_796_420_000_000);
    const second = await startRun(key, experimentId, "second", 1_796_420_000_001);
    const page = (pageToken?: string) =>
      call("POST", `${API}/runs/search`, {
        key,
        body: {
          experiment_ids: [experimentId],
          run_view_type: "ACTIVE_ONLY",
          filter: "",
          max_results: 1,
          order_by: ["attributes.start_time ASC"],
          ...(pageToken ? { page_token: pageToken } : {}),
        },
      }).then((r) => responses.searchRuns.parse(r.body));
    const one = await page();
    expect(one.runs.map((r) => r.info.run_id)).toEqual([first]);
    expect(one.next_page_token).toEqual(expect.any(String));
    const two = await page(one.next_page_token);
    expect(two.runs.map((r) => r.info.run_id)).toEqual([second]);
    // The last page has no token: the client stops there (it sends no empty page_token).
    expect(two.next_page_token).toBeUndefined();
  });

  it("refuses the artifact proxy calls with NOT_IMPLEMENTED naming the path the client sent", async () => {
    const { project, key } = await newProject("mlflow-client");
    const experimentId = await experimentOf(project, key);
    const runId = await startRun(key, experimentId, "artifacts", 1_796_420_000_000);
    const reason = "is not supported: PrefScope does not store artifacts (files, models); log them elsewhere, or leave HF_MLFLOW_LOG_ARTIFACTS unset";

    // mlflow.log_text("hello", "notes.txt") and mlflow.log_artifact(path): a PUT of the file's bytes.
    const upload = `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/notes.txt`;
    const put = await call("PUT", upload, { key, raw: "hello", contentType: "text/plain" });
    expect(put).toEqual({ status: 501, body: { error_code: "NOT_IMPLEMENTED", message: `${upload} ${reason}` } });
    // MlflowClient.list_artifacts(run_id): a GET of the listing, the folder in the query.
    const list = await call("GET", `/api/2.0/mlflow-artifacts/artifacts?path=${experimentId}%2F${runId}%2Fartifacts`, { key });
    expect(list).toEqual({ status: 501, body: { error_code: "NOT_IMPLEMENTED", message: `/api/2.0/mlflow-artifacts/artifacts ${reason}` } });
    // Multipart uploads of large files (MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD) get the same reason.
    const mpu = await call("POST", "/api/2.0/mlflow-artifacts/mpu/create/1/x/artifacts/model.pt", { key, body: { path: "model.pt", num_parts: 2 } });
    expect(mpu).toEqual({ status: 501, body: { error_code: "NOT_IMPLEMENTED", message: `/api/2.0/mlflow-artifacts/mpu/create/1/x/artifacts/model.pt ${reason}` } });
  });
});
