import { parseArgs } from "node:util";
import { deleteProject, deleteRun, findRunForLifecycle, setProjectArchived, setRunArchived } from "../runs/server/lifecycle";
import { getProjectByName } from "../projects/server/projects";
import { projectNameSchema, runIdSchema } from "../runs/contract";
import { withDatabase } from "./with-database";

type Action = "archive" | "restore" | "delete";
const ACTIONS: Action[] = ["archive", "restore", "delete"];

/** The same request a dashboard would make, as local mode's CLI (the server's token from the lock file). */
async function throughServer(server: { url: string; token: string }, path: string, action: Action): Promise<unknown> {
  const url = `${server.url}${path}${action === "delete" ? "" : `/${action}`}`;
  const response = await fetch(url, { method: action === "delete" ? "DELETE" : "POST", headers: { "x-prefscope-local-token": server.token } }).catch(() => {
    throw new Error(`A PrefScope server holds the embedded database but did not answer at ${server.url}. Wait until it has started, or stop it.`);
  });
  const body = (await response.json()) as { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `server answered ${response.status}`);
  return body;
}

function parse(args: string[], usage: string) {
  const [action, target, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { yes: { type: "boolean", default: false } } });
  if (!ACTIONS.includes(action as Action) || !target) {
    console.error(usage);
    return null;
  }
  if (action === "delete" && !values.yes) {
    console.error(`prefscope: deleting cannot be undone; add --yes to delete ${target} and everything in it`);
    return null;
  }
  return { action: action as Action, target };
}

const RUN_USAGE = "Usage: prefscope runs archive|restore ID | runs delete ID --yes";
const PROJECT_USAGE = "Usage: prefscope projects archive|restore NAME | projects delete NAME --yes";

/** `prefscope runs archive|restore|delete ID`: hide a run, bring it back, or delete it with its rows. */
export async function runRunsCommand(args: string[]): Promise<number> {
  const parsed = parse(args, RUN_USAGE);
  if (!parsed) return 2;
  const { action, target: id } = parsed;
  if (!runIdSchema.safeParse(id).success) {
    console.error(`prefscope: ${id}: run id must be a UUID`);
    return 2;
  }
  const result = await withDatabase(
    async () => {
      const { run } = await findRunForLifecycle({ id });
      return action === "delete" ? { rows: await deleteRun({ id: run.id }) } : setRunArchived({ id: run.id, archived: action === "archive" });
    },
    (server) => throughServer(server, `/api/v1/runs/${encodeURIComponent(id)}`, action),
  );
  const rows = (result as { rows?: Record<string, number> }).rows;
  console.log(action === "delete" ? `Deleted run ${id} (${describeRows(rows)})` : `${action === "archive" ? "Archived" : "Restored"} run ${id}`);
  return 0;
}

/** `prefscope projects archive|restore|delete NAME`. */
export async function runProjectsCommand(args: string[]): Promise<number> {
  const parsed = parse(args, PROJECT_USAGE);
  if (!parsed) return 2;
  const { action, target: name } = parsed;
  if (!projectNameSchema.safeParse(name).success) {
    console.error(`prefscope: ${name}: not a project name`);
    return 2;
  }
  const result = await withDatabase(
    async () => {
      const project = await getProjectByName({ name });
      return action === "delete" ? deleteProject({ project }) : setProjectArchived({ project, archived: action === "archive" });
    },
    (server) => throughServer(server, `/api/v1/projects/${encodeURIComponent(name)}`, action),
  );
  if (action !== "delete") console.log(`${action === "archive" ? "Archived" : "Restored"} project ${name}`);
  else {
    const { runs, rows } = result as { runs: number; rows: Record<string, number> };
    console.log(`Deleted project ${name}: ${runs} runs (${describeRows(rows)}), its keys, members, reports and share links`);
  }
  return 0;
}

function describeRows(rows: Record<string, number> | undefined): string {
  if (!rows) return "no rows";
  return Object.entries(rows)
    .map(([table, n]) => `${n} ${table}`)
    .join(", ");
}
