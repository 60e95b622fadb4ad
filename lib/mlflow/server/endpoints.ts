import "server-only";
import { json } from "@/lib/core/http/json";
import { drainUnreadBody, readBodyText } from "@/lib/core/http/read-body";
import * as c from "../contract";
import { MlflowError, parseMlflow, toMlflowErrorResponse } from "../errors";
import { parseLenientJson } from "../lenient-json";
import { createExperiment, getExperimentByName, requireExperiment, searchExperiments, toExperiment } from "./experiments";
import { deleteMlflowTag, logMlflowBatch } from "./log-batch";
import { createMlflowRun, getMlflowRun, runIdOf, setMlflowRunDeleted, updateMlflowRun } from "./runs";
import { getMlflowMetricHistory, searchMlflowRuns } from "./search";

/*
 * The MLflow tracking endpoints, by method and path under /api/2.0/mlflow/, with the method each has in MLflow's
 * service.proto (GET with query parameters for the reads its client sends that way, POST with a JSON body for the
 * rest). docs/mlflow.md lists them; anything else under the prefix is ENDPOINT_NOT_FOUND.
 */
type Endpoint = (request: Request, input: unknown) => Promise<unknown>;

const ENDPOINTS: Record<string, Partial<Record<"GET" | "POST", Endpoint>>> = {
  "experiments/create": { POST: async (r, i) => ({ experiment_id: await createExperiment(r, parseMlflow(c.createExperimentSchema, i).name) }) },
  "experiments/get": { GET: async (r, i) => ({ experiment: toExperiment(await requireExperiment(r, parseMlflow(c.getExperimentSchema, i).experiment_id, "read")) }) },
  "experiments/get-by-name": { GET: async (r, i) => ({ experiment: await getExperimentByName(r, parseMlflow(c.getExperimentByNameSchema, i).experiment_name) }) },
  "experiments/search": { GET: searchExperimentsEndpoint, POST: searchExperimentsEndpoint },
  "runs/create": { POST: async (r, i) => ({ run: await createMlflowRun(r, parseMlflow(c.createRunSchema, i)) }) },
  "runs/get": { GET: async (r, i) => ({ run: await getMlflowRun(r, runIdOf(parseMlflow(c.getRunSchema, i))) }) },
  "runs/update": {
    POST: async (r, i) => {
      const input = parseMlflow(c.updateRunSchema, i);
      return { run_info: await updateMlflowRun(r, { runId: runIdOf(input), status: input.status, run_name: input.run_name }) };
    },
  },
  "runs/delete": { POST: async (r, i) => setMlflowRunDeleted(r, runIdOf(parseMlflow(c.runOnlySchema, i)), true).then(() => ({})) },
  "runs/restore": { POST: async (r, i) => setMlflowRunDeleted(r, runIdOf(parseMlflow(c.runOnlySchema, i)), false).then(() => ({})) },
  "runs/search": { POST: async (r, i) => searchMlflowRuns(r, parseMlflow(c.searchRunsSchema, i)) },
  "runs/log-batch": {
    POST: async (r, i) => {
      const input = parseMlflow(c.logBatchSchema, i);
      await logMlflowBatch(r, runIdOf(input), input);
      return {};
    },
  },
  "runs/log-metric": {
    POST: async (r, i) => {
      const { key, value, timestamp, step, ...ref } = parseMlflow(c.logMetricSchema, i);
      await logMlflowBatch(r, runIdOf(ref), { metrics: [{ key, value, timestamp, step }], params: [], tags: [] });
      return {};
    },
  },
  "runs/log-parameter": {
    POST: async (r, i) => {
      const { key, value, ...ref } = parseMlflow(c.logParamSchema, i);
      await logMlflowBatch(r, runIdOf(ref), { metrics: [], params: [{ key, value }], tags: [] });
      return {};
    },
  },
  "runs/set-tag": {
    POST: async (r, i) => {
      const { key, value, ...ref } = parseMlflow(c.setTagSchema, i);
      await logMlflowBatch(r, runIdOf(ref), { metrics: [], params: [], tags: [{ key, value }] });
      return {};
    },
  },
  "runs/delete-tag": {
    POST: async (r, i) => {
      const input = parseMlflow(c.deleteTagSchema, i);
      await deleteMlflowTag(r, runIdOf(input), input.key);
      return {};
    },
  },
  "metrics/get-history": {
    GET: async (r, i) => {
      const input = parseMlflow(c.getMetricHistorySchema, i);
      return { metrics: await getMlflowMetricHistory(r, runIdOf(input), input.metric_key) };
    },
  },
};

async function searchExperimentsEndpoint(request: Request, input: unknown) {
  const query = parseMlflow(c.searchExperimentsSchema, input);
  if (query.page_token) throw new MlflowError("INVALID_PARAMETER_VALUE", "Invalid page token: this server answers every experiment on the first page");
  return { experiments: await searchExperiments(request, { viewType: query.view_type, filter: query.filter }) };
}

/** Endpoints MLflow has that PrefScope does not keep the data for: a clear refusal, not a 404 that reads like a typo. */
const NOT_SUPPORTED: [RegExp, string][] = [
  [/^artifacts\//, "PrefScope does not store artifacts (files, models); log them elsewhere, or leave HF_MLFLOW_LOG_ARTIFACTS unset"],
  [/^runs\/(log-model|log-inputs|log-outputs)$/, "PrefScope does not store models or dataset inputs; metrics, params and tags are logged"],
  [/^(registered-models|model-versions|logged-models|traces|datasets|scorers|gateway)\b/, "PrefScope implements MLflow's tracking endpoints only (experiments, runs, metrics)"],
  [/^experiments\/(delete|restore|update|set-experiment-tag|delete-experiment-tag)$/, "Experiments are PrefScope projects: archive, rename or delete them in PrefScope"],
];

/** `path` is echoed as the client sent it (after `prefix`); `kind`, a path under /api/2.0/mlflow/, picks the reason. */
export function notSupported(path: string, prefix = "/api/2.0/mlflow/", kind = path): MlflowError {
  return new MlflowError("NOT_IMPLEMENTED", `${prefix}${path} is not supported: ${NOT_SUPPORTED.find(([re]) => re.test(kind))?.[1] ?? "see docs/mlflow.md"}`);
}

async function readInput(request: Request): Promise<unknown> {
  if (request.method === "GET") return Object.fromEntries(new URL(request.url).searchParams);
  const text = await readBodyText(request);
  if (text.trim() === "") return {};
  const type = (request.headers.get("content-type") ?? "application/json").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new MlflowError("BAD_REQUEST", `Expected Content-Type application/json, got ${type}`);
  try {
    return parseLenientJson(text);
  } catch (error) {
    throw new MlflowError("BAD_REQUEST", `Request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Answers one request to /api/2.0/mlflow/<path>: MLflow's response body, or MLflow's error body. */
export async function answerMlflow(request: Request, path: string): Promise<Response> {
  let response: Response;
  try {
    const endpoint = ENDPOINTS[path];
    if (!endpoint && NOT_SUPPORTED.some(([re]) => re.test(path))) throw notSupported(path);
    if (!endpoint) throw new MlflowError("ENDPOINT_NOT_FOUND", `No MLflow endpoint /api/2.0/mlflow/${path} here; docs/mlflow.md lists those PrefScope answers`);
    const handler = endpoint[request.method as "GET" | "POST"];
    if (!handler) {
      const allowed = Object.keys(endpoint).join(", ");
      response = json({ error_code: "BAD_REQUEST", message: `/api/2.0/mlflow/${path} takes ${allowed}, not ${request.method}` }, { status: 405, headers: { allow: allowed } });
    } else response = json(await handler(request, await readInput(request)));
  } catch (error) {
    response = await toMlflowErrorResponse(error);
  }
  await drainUnreadBody(request);
  return response;
}
