import { parseArgs } from "node:util";
import { setting } from "../core/config";
import { ingestToyRun } from "../demo/ingest-toy-run";
import { toyRunName } from "../demo/toy-records";
import { init } from "@/clients/ts";
import { getOrCreateProject } from "../projects/server/projects";
import { runToyModel, type ToyAlgorithm, type ToyModelOptions } from "../toy-model";
import { createKeyThroughServer } from "./server-key";
import { withDatabase } from "./with-database";

const ALGORITHMS: ToyAlgorithm[] = ["dpo", "flex_dpo", "dpo_sft", "ipo", "slic", "reward_model"];

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

function parseToyOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: "string", default: "1" },
      algorithm: { type: "string", default: "dpo" },
      beta: { type: "string" },
      "beta-w": { type: "string" },
      "beta-l": { type: "string" },
      alpha: { type: "string" },
      tau: { type: "string" },
      delta: { type: "string" },
      lambda: { type: "string" },
      steps: { type: "string", default: "500" },
      lr: { type: "string" },
      seed: { type: "string" },
      project: { type: "string", default: "demo" },
      name: { type: "string" },
      url: { type: "string" },
      "api-key": { type: "string" },
    },
  });
  const scenario = Number(values.scenario);
  if (![1, 2, 3, 4].includes(scenario)) throw new Error("--scenario must be 1, 2, 3 or 4");
  if (!ALGORITHMS.includes(values.algorithm as ToyAlgorithm)) throw new Error(`--algorithm must be one of ${ALGORITHMS.join(", ")}`);
  const toy: ToyModelOptions = {
    scenario: scenario as 1 | 2 | 3 | 4,
    algorithm: values.algorithm as ToyAlgorithm,
    beta: num(values.beta),
    betaW: num(values["beta-w"]),
    betaL: num(values["beta-l"]),
    alpha: num(values.alpha),
    tau: num(values.tau),
    delta: num(values.delta),
    lambda: num(values.lambda),
    steps: Number(values.steps),
    lr: num(values.lr),
    seed: num(values.seed),
  };
  if (!Number.isInteger(toy.steps) || toy.steps < 1) throw new Error("--steps must be a positive integer");
  return { toy, project: values.project!, name: values.name, url: values.url ?? setting("PREFSCOPE_URL"), apiKey: values["api-key"] ?? setting("PREFSCOPE_API_KEY") };
}

/** Logs a toy run with the TypeScript client, as any runner would. */
async function logOverHttp(url: string, apiKey: string, project: string, name: string, toy: ToyModelOptions) {
  const toyRun = runToyModel(toy);
  const run = init({ url, apiKey, project, name, algorithm: toyRun.algorithm, config: { ...toyRun.config, model: "toy-mlp" }, tags: ["toy"] });
  for (const { step, metrics, sequences: rows } of toyRun.records) {
    run.log(metrics, step);
    if (rows.length === 0) continue;
    run.logSequences(step, {
      pairIds: rows.map((r) => r.pair_id),
      logpChosen: rows.map((r) => r.logp_chosen),
      logpRejected: rows.map((r) => r.logp_rejected),
      refLogpChosen: rows.map((r) => r.ref_logp_chosen),
      refLogpRejected: rows.map((r) => r.ref_logp_rejected),
      lenChosen: rows.map((r) => r.len_chosen ?? 1),
      lenRejected: rows.map((r) => r.len_rejected ?? 1),
      logGradChosen: rows.map((r) => r.log_grad_chosen ?? Number.NaN),
      logGradRejected: rows.map((r) => r.log_grad_rejected ?? Number.NaN),
    });
  }
  if (!(await run.finish("finished", 60_000))) throw new Error(`the server at ${url} did not take the run; it is spooled for \`prefscope sync\``);
  return { id: run.id, url: `${url}/p/${encodeURIComponent(project)}/runs/${run.id}` };
}

/** `prefscope toy …`: the paper's toy model, logged to a project. */
export async function runToyCommand(args: string[]): Promise<number> {
  const o = parseToyOptions(args);
  const name = o.name ?? toyRunName({ ...o.toy });
  const started = performance.now();
  const logged =
    o.url && o.apiKey
      ? await logOverHttp(o.url, o.apiKey, o.project, name, o.toy)
      : await withDatabase(
          async (db) => {
            const { id: projectId } = await getOrCreateProject({ db, name: o.project });
            const { run, flags } = await ingestToyRun({ db, projectId, project: o.project, toy: o.toy, name });
            console.log(`flags: ${flags.map((f) => `${f.property} (${f.severity}, from step ${f.first_step})`).join(", ") || "none"}`);
            return { id: run.id, url: `/p/${encodeURIComponent(o.project)}/runs/${run.id}` };
          },
          async (server) => logOverHttp(server.url, await createKeyThroughServer(server, o.project, "prefscope toy"), o.project, name, o.toy),
        );
  console.log(`${name}: ${o.toy.steps} steps in ${((performance.now() - started) / 1000).toFixed(2)} s → ${logged.url}`);
  return 0;
}
