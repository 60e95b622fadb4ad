import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { findRunForLifecycle } from "@/lib/runs/server/lifecycle";
import { getRunRecord } from "@/lib/runs/server/runs";
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
