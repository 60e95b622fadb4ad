import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/lib/core/db";
import { getDiagnosticMetricNames, type NonFiniteTally, type RunInput, type SeriesMap } from "..";
import { listMetricKeys } from "@/lib/metrics/server/metric-series";
import { readAllSequences } from "@/lib/sequences/server/sequences";

/**
 * Past this many points a series is read as this many equal-step bucket means: the flags judge trends over
 * windows of at least 3 points spanning 5% of the run, so 5,000 buckets lose nothing they look at, and a
 * 1M-step run costs one aggregate per series instead of shipping a million rows.
 */
const MAX_POINTS = 5_000;

async function readDiagnosticSeries(db: Db, runId: string, split: string): Promise<Pick<RunInput, "metrics" | "nonFinite">> {
  const wanted = new Set(getDiagnosticMetricNames(split));
  const keys = (await listMetricKeys({ db, runId })).filter((k) => wanted.has(k.name));
  const series: SeriesMap = {};
  const nonFinite: Record<string, NonFiniteTally> = {};
  for (const key of keys) {
    const lo = key.first_step ?? 0;
    const width = Math.max(1, ((key.last_step ?? 0) - lo + 1) / MAX_POINTS);
    const rows = await queryRows<{ step: number; value: number }>(
      db,
      key.count <= MAX_POINTS
        ? sql`select step::float8 as step, value from metrics where run_id = ${runId} and key_id = ${key.id} order by step`
        : sql`select max(step)::float8 as step,
                     coalesce(avg(value) filter (where value not in ('NaN', 'Infinity', '-Infinity')), 'NaN'::float8) as value
              from metrics where run_id = ${runId} and key_id = ${key.id}
              group by floor((step - ${lo}) / ${width}::float8) order by 1`,
    );
    series[key.name] = rows.map((r) => ({ step: Number(r.step), value: r.value }));
    if (key.count > MAX_POINTS) {
      // A bucket mean hides a lone NaN (and a bucket of only NaNs shows as one point): count them exactly.
      const [tally] = await queryRows<{ first_step: number | null; count: number }>(
        db,
        sql`select min(step)::float8 as first_step, count(*)::int as count from metrics
            where run_id = ${runId} and key_id = ${key.id} and value in ('NaN', 'Infinity', '-Infinity')`,
      );
      if (tally && tally.first_step !== null) nonFinite[key.name] = { first_step: Number(tally.first_step), count: Number(tally.count) };
    }
  }
  return { metrics: series, nonFinite };
}

export async function loadRunInput({
  db,
  runId,
  algorithm,
  config,
  split = "train",
}: {
  db: Db;
  runId: string;
  algorithm: string | null;
  config: Record<string, unknown>;
  split?: string;
}): Promise<RunInput> {
  const [{ metrics, nonFinite }, sequences] = await Promise.all([readDiagnosticSeries(db, runId, split), readAllSequences({ db, runId, split })]);
  return { algorithm, config, metrics, sequences, nonFinite };
}
