// The pages bench's project, written through the HTTP API as a runner would write it: the demo's toy runs (the
// scenario table, the β_l sweep, the method table's runs, reward models beside DPO) so the tables, sweeps, compare
// and DPO-vs-RM pages have what they draw, and a report of one run shared by a link.
import { encodeJson } from "../clients/ts/transport";
import { demoRunSpecs, type DemoRunSpec } from "../lib/demo/demo-runs";
import { toyRunName, toyRunRows } from "../lib/demo/toy-records";
import { runToyModel } from "../lib/toy-model";

const CHUNK = 10_000;

type Send = (method: string, path: string, body: unknown) => Promise<unknown>;

/** Requests with the project's key; non-finite values as the API's strings, as the clients send them. */
function sender(base: string, key: string): Send {
  return async (method, path, body) => {
    const response = await fetch(`${base}${path}`, { method, headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: encodeJson(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
}

/** One toy run: created, its metrics and per-pair rows in batches of 10,000, finished. */
async function logToyRun(send: Send, project: string, spec: DemoRunSpec): Promise<string> {
  const toyRun = runToyModel(spec.toy);
  const input = {
    project,
    name: toyRunName(spec.toy),
    algorithm: toyRun.algorithm,
    group: spec.group,
    config: { ...toyRun.config, model: "toy-mlp" },
    tags: ["toy", ...spec.tags],
  };
  const { id } = (await send("POST", "/api/v1/runs", input)) as { id: string };
  const { metrics, sequences } = toyRunRows(toyRun);
  for (let i = 0; i < metrics.length; i += CHUNK) await send("POST", `/api/v1/runs/${id}/metrics`, { rows: metrics.slice(i, i + CHUNK) });
  for (let i = 0; i < sequences.length; i += CHUNK) await send("POST", `/api/v1/runs/${id}/sequences`, { rows: sequences.slice(i, i + CHUNK) });
  await send("PATCH", `/api/v1/runs/${id}`, { status: "finished" });
  return id;
}

/** The demo's runs in `project`, and the path of a live share link to a report of its first run. */
export async function seedToyProject(base: string, project: string): Promise<{ runs: string[]; sharedPath: string }> {
  const keyResponse = await fetch(`${base}/api/v1/projects/${project}/keys`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const send = sender(base, ((await keyResponse.json()) as { key: string }).key);
  const runs: string[] = [];
  for (const spec of demoRunSpecs()) runs.push(await logToyRun(send, project, spec));
  const report = (await send("POST", `/api/v1/projects/${project}/reports`, { title: "Drastic drop at β = 0.1", url: `/runs/${runs[0]}` })) as { id: string };
  const link = (await send("POST", `/api/v1/projects/${project}/reports/${report.id}/share-links`, { mode: "live" })) as { path: string };
  return { runs, sharedPath: link.path };
}
