import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { textArrayLiteral } from "@/lib/core/db/pg-arrays";
import { AppError } from "@/lib/core/errors";

/** Refuses to follow a run that is not the project's (or is gone): a viewer only hears of runs it may read. */
export async function requireProjectRuns(db: Db, projectId: number, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  const found = await queryRows<{ id: string }>(
    db,
    sql`select id from runs where id = any(${textArrayLiteral(runIds)}::uuid[]) and project_id = ${projectId} and deleting_at is null`,
  );
  const known = new Set(found.map((r) => r.id));
  const missing = runIds.filter((id) => !known.has(id));
  if (missing.length) throw new AppError("not_found", `No run ${missing.join(", ")} in this project`, ["runs"]);
}
