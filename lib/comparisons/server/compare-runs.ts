import "server-only";
import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { listMetricKeys } from "@/lib/metrics/server/metric-series";
import { listRuns } from "@/lib/runs/server/run-list";
import { getRun, type Run } from "@/lib/runs/server/runs";

export type CompareRun = Pick<Run, "id" | "name" | "group" | "algorithm" | "config" | "flags" | "status"> & { metricNames: string[] };

/** A run of this project by id, or undefined: an unknown id, or another project's run, is simply not compared. */
async function findRun(project: string, id: string): Promise<Run | undefined> {
  const run = await getRun({ db: await getDb(), id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return undefined;
    throw error;
  });
  return run?.project === project ? run : undefined;
}

/** A hand-written `?runs=` may name runs; the newest run of that exact name wins. */
async function findRunByName(project: string, name: string): Promise<Run | undefined> {
  const { runs } = await listRuns({ project, q: `name = ${JSON.stringify(name)}`, limit: 1 });
  return runs[0];
}

/** The comparison's runs in the URL's order, each with the metric names it logged; what was not found, by entry. */
export async function loadCompareRuns({ project, ids, names }: { project: string; ids: string[]; names: string[] }) {
  const found = await Promise.all([...ids.map((id) => findRun(project, id)), ...names.map((name) => findRunByName(project, name))]);
  const entries = [...ids, ...names];
  const missing = entries.filter((_, i) => !found[i]);
  // A name can resolve to a run that is also listed by id: compare it once.
  const unique = [...new Map(found.flatMap((r) => (r ? [[r.id, r] as const] : []))).values()];
  const db = await getDb();
  const runs: CompareRun[] = await Promise.all(
    unique.map(async (run) => ({
      id: run.id,
      name: run.name,
      group: run.group,
      algorithm: run.algorithm,
      config: run.config,
      flags: run.flags,
      status: run.status,
      metricNames: (await listMetricKeys({ db, runId: run.id })).map((k) => k.name),
    })),
  );
  return { runs, missing };
}
