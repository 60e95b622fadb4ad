import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { findRunForLifecycle } from "@/lib/runs/server/lifecycle";
import { getRunRecord } from "@/lib/runs/server/runs";
import { getRunProjects } from "@/lib/runs/server/run-edits";
import { runIdSchema } from "@/lib/runs/contract";
import { assertProjectAccess, resolvePrincipal, type Need, type Principal, type RequestLike } from "./access";
import { requireWriteKey } from "./key-auth";

async function findRun(id: string) {
  if (!runIdSchema.safeParse(id).success) throw new AppError("not_found", `Run ${id} does not exist`);
  return getRunRecord({ db: await getDb(), id });
}

/** The run a write targets: 401 without a valid key, 404 when unknown, 403 when it is another project's. */
export async function requireRunWrite(request: Request, id: string) {
  const principal = await requireWriteKey(request);
  const record = await findRun(id);
  if (record.run.projectId !== principal.projectId) throw new AppError("forbidden", "This run belongs to another project");
  return { ...record, principal };
}

/** The run a read targets, for whoever may read its project (a signed-in member, one of its keys, local mode). */
export async function requireRunRead(request: RequestLike, id: string) {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
  const record = await findRun(id);
  await assertRunAccess(principal, id, record, "read");
  return record;
}

/**
 * A run's edit (its name, group, tags, notes, and what a runner updates): a project editor or admin (session with
 * CSRF token), a write key of its project, or local mode. Viewers and read keys get 403; who may not see it, 404.
 */
export async function requireRunEdit(request: RequestLike, id: string) {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
  const record = await findRun(id);
  await assertRunAccess(principal, id, record, "edit");
  return record;
}

/** Several runs one read targets (a comparison's), each checked as `requireRunRead` checks one; the first refusal answers. */
export async function requireRunsRead(request: RequestLike, ids: string[]) {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
  const records = [];
  for (const id of ids) {
    const record = await findRun(id);
    await assertRunAccess(principal, id, record, "read");
    records.push(record);
  }
  return records;
}

/** Someone who may not see the run's project hears what they would hear of a run that does not exist, not its name. */
async function assertRunAccess(principal: Principal, id: string, record: { run: { projectId: number }; project: string }, need: Need) {
  await assertProjectAccess(principal, { id: record.run.projectId, name: record.project }, need).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") throw new AppError("not_found", `Run ${id} does not exist`);
    throw error;
  });
}

/**
 * Archive, restore and delete of a run: a project editor or admin (session with CSRF token), a write key of its
 * project, or local mode. A run being deleted is found too, so a DELETE can finish a purge a crash cut short.
 */
export async function requireRunLifecycle(request: RequestLike, id: string) {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
  if (!runIdSchema.safeParse(id).success) throw new AppError("not_found", `Run ${id} does not exist`);
  const record = await findRunForLifecycle({ id });
  await assertRunAccess(principal, id, record, "edit");
  return record;
}

/** Whoever asks, known: 401 for nobody (before a body is read, so a stranger learns nothing of what it may hold). */
export async function requireCaller(request: RequestLike): Promise<Principal> {
  const principal = await resolvePrincipal(request);
  if (principal.kind === "anonymous") throw new AppError("unauthorized", "Sign in, or send 'Authorization: Bearer <api key>'");
  return principal;
}

/**
 * The runs a bulk edit names, all of one project the caller may edit: 404 naming `["ids", i]` for a run that does
 * not exist (or that the caller may not see), 403 for one of a project they may only read, or of a second project.
 */
export async function requireRunsEdit(request: RequestLike, ids: string[]): Promise<{ projectId: number; project: string }> {
  const principal = await requireCaller(request);
  const found = await getRunProjects({ db: await getDb(), ids });
  const checked = new Set<number>();
  let first: { projectId: number; project: string } | undefined;
  for (const [i, id] of ids.entries()) {
    // Typed as a never-returning function, so that TypeScript knows each refusal ends the loop.
    const refuse: (error: unknown) => never = (error) => {
      throw error instanceof AppError ? new AppError(error.code, error.message, ["ids", i]) : error;
    };
    const record = found.get(id);
    if (!record) refuse(new AppError("not_found", `Run ${id} does not exist`));
    first ??= record;
    if (checked.has(record.projectId)) continue;
    await assertRunAccess(principal, id, { run: { projectId: record.projectId }, project: record.project }, "edit").catch(refuse);
    checked.add(record.projectId);
    if (record.projectId !== first.projectId)
      refuse(new AppError("forbidden", `Run ${id} is of project "${record.project}", not "${first.project}": edit one project's runs at a time`));
  }
  return first!;
}
