import { AppError } from "../errors";
import { getRunRecord } from "../services/runs";
import { runIdSchema } from "../validation/runs";
import { assertProjectAccess, optionalReadKey, requireWriteKey } from "./auth";

async function findRun(id: string) {
  if (!runIdSchema.safeParse(id).success) throw new AppError("not_found", `Run ${id} does not exist`);
  return getRunRecord({ id });
}

/** The run a write targets: 401 without a valid key, 404 when unknown, 403 when it is another project's. */
export async function requireRunWrite(request: Request, id: string) {
  const principal = await requireWriteKey(request);
  const record = await findRun(id);
  if (record.run.projectId !== principal.projectId) throw new AppError("forbidden", "This run belongs to another project");
  return { ...record, principal };
}

export async function requireRunRead(request: Request, id: string) {
  const principal = await optionalReadKey(request);
  const record = await findRun(id);
  assertProjectAccess(principal, record.run.projectId);
  return record;
}
