import "server-only";
import { AppError } from "@/lib/core/errors";
import { parseSerialId } from "@/lib/core/validation/numbers";
import { assertProjectAccess, resolvePrincipal, type Need, type Principal, type RequestLike } from "@/lib/accounts/server/access";
import { requireProjectWrite } from "@/lib/accounts/server/project-write";
import { findProjectById, findProjectByName, listProjects, type Project } from "@/lib/projects/server/projects";
import { projectNameSchema } from "@/lib/runs/contract";
import type { MlflowExperiment, ViewType } from "../contract";
import { MlflowError } from "../errors";
import { likeMatcher } from "../search-filter";

/*
 * experiment ↔ project. An experiment's id is its project's id (a serial, as a string): stable across renames and
 * short, like MLflow's own. "0" is MLflow's default experiment, where a script that names none logs: here it is the
 * API key's project, and without a key (local mode, a signed-in user) the project named "Default" when there is one.
 */
export const DEFAULT_EXPERIMENT_ID = "0";
const DEFAULT_PROJECT = "Default";

export function toExperiment(project: Project): MlflowExperiment {
  const ms = project.createdAt.getTime();
  return {
    experiment_id: String(project.id),
    name: project.name,
    artifact_location: "",
    lifecycle_stage: project.archivedAt ? "deleted" : "active",
    creation_time: ms,
    last_update_time: ms,
    tags: [],
  };
}

const missing = (what: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", `Could not find experiment with ${what}`);

/** Access to a project the principal may not see is refused as if it did not exist, except to its own key. */
async function checkAccess(principal: Principal, project: Project, need: Need, what: string): Promise<Project> {
  await assertProjectAccess(principal, project, need).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw missing(what);
    throw error;
  });
  return project;
}

/** The project an experiment id names, for a request that needs `need` there. */
export async function requireExperiment(request: RequestLike, experimentId: string, need: Need): Promise<Project> {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Send 'Authorization: Bearer <api key>' (MLFLOW_TRACKING_TOKEN)");
  if (experimentId === DEFAULT_EXPERIMENT_ID) {
    if (principal.kind === "key") return checkAccess(principal, (await findProjectById({ id: principal.key.projectId }))!, need, "id=0");
    const found = await findProjectByName({ name: DEFAULT_PROJECT });
    if (!found) throw missing("id=0");
    return checkAccess(principal, found, need, "id=0");
  }
  const id = parseSerialId(experimentId);
  const project = id === null ? undefined : await findProjectById({ id });
  if (!project) throw missing(`id=${experimentId}`);
  return checkAccess(principal, project, need, `id=${experimentId}`);
}

export async function getExperimentByName(request: RequestLike, name: string): Promise<MlflowExperiment> {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Send 'Authorization: Bearer <api key>' (MLFLOW_TRACKING_TOKEN)");
  const project = await findProjectByName({ name });
  if (!project) throw missing(`name=${name}`);
  return toExperiment(await checkAccess(principal, project, "read", `name=${name}`));
}

/**
 * Creates the project. Who may create projects (local mode, a site admin) may create experiments; an API key
 * belongs to one project and cannot, so the refusal says which experiment the key logs to.
 */
export async function createExperiment(request: RequestLike, name: string): Promise<string> {
  if (!projectNameSchema.safeParse(name).success) {
    throw new MlflowError(
      "INVALID_PARAMETER_VALUE",
      `Experiment name '${name}' is not a PrefScope project name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100`,
    );
  }
  const principal = await resolvePrincipal(request);
  if (await findProjectByName({ name })) {
    await getExperimentByName(request, name);
    throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment '${name}' already exists.`);
  }
  try {
    return String(await requireProjectWrite(request, name));
  } catch (error) {
    if (!(error instanceof AppError && error.code === "forbidden" && principal.kind === "key")) throw error;
    const own = await findProjectById({ id: principal.key.projectId });
    throw new MlflowError(
      "PERMISSION_DENIED",
      `An API key logs to its own project only and cannot create experiments: this key's experiment is '${own?.name}' (set MLFLOW_EXPERIMENT_NAME to it, or leave it unset)`,
    );
  }
}

/** The experiments the principal can see, by name; `name = ...` / `LIKE` filters only. */
export async function searchExperiments(request: RequestLike, query: { viewType: ViewType; filter?: string }): Promise<MlflowExperiment[]> {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Send 'Authorization: Bearer <api key>' (MLFLOW_TRACKING_TOKEN)");
  const archived = query.viewType === "ACTIVE_ONLY" ? "exclude" : query.viewType === "DELETED_ONLY" ? "only" : "include";
  const who = principal.kind === "key" ? { projectId: principal.key.projectId } : principal.kind === "user" && !principal.user.is_admin ? { memberId: principal.user.id } : {};
  const match = nameMatcher(query.filter);
  const names = (await listProjects({ ...who, archived })).map((p) => p.name).filter(match);
  const projects = await Promise.all(names.map((name) => findProjectByName({ name })));
  return projects.filter((p): p is Project => p !== undefined).map(toExperiment);
}

function nameMatcher(filter: string | undefined): (name: string) => boolean {
  if (!filter?.trim()) return () => true;
  const m = /^\s*(?:attributes\.)?name\s*(=|!=|LIKE|ILIKE)\s*'((?:[^'\\]|\\.)*)'\s*$/i.exec(filter);
  if (!m) throw new MlflowError("INVALID_PARAMETER_VALUE", `Invalid filter: '${filter}'; experiments are searched by name only (name = '...', name LIKE '...')`);
  const [, op, raw] = m;
  const value = raw!.replace(/\\(.)/g, "$1");
  if (op === "=") return (name) => name === value;
  if (op === "!=") return (name) => name !== value;
  return likeMatcher(value, op!.toUpperCase() === "ILIKE");
}
