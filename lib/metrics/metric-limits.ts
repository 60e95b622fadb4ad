import { setting } from "../core/config";
import { AppError } from "../core/errors";
import type { MetricRow } from "./contract";

/*
 * Metric-name cardinality caps. Every distinct name is a metric_keys row, a summary the runs table can show, a
 * series the run page draws and a key the rollups keep: 100,000 names in one 2 MB batch once took half a minute and
 * half a gigabyte on the embedded database, and that run's page asked for all of them at once. MLflow's
 * `log-batch` takes at most 1,000 metrics a request; W&B advises staying under 10,000 metrics a run. The defaults
 * follow (in lib/core/config.ts): a training loop logs tens to hundreds of names, so both leave two orders of
 * magnitude of headroom.
 */

/** Distinct metric names one batch may carry (`PREFSCOPE_MAX_METRIC_NAMES_PER_BATCH`). */
export const maxMetricNamesPerBatch = () => setting("PREFSCOPE_MAX_METRIC_NAMES_PER_BATCH");

/** Distinct metric names one run may hold (`PREFSCOPE_MAX_METRIC_NAMES_PER_RUN`). */
export const maxMetricNamesPerRun = () => setting("PREFSCOPE_MAX_METRIC_NAMES_PER_RUN");

/**
 * Refuses a batch naming more distinct metrics than the cap, before anything is written. A batch whose rows each
 * stay under the cap is 413 (the clients split it by rows and retry); one row over the cap is 422, since no split
 * can make it fit.
 */
export function checkBatchMetricNames(rows: readonly MetricRow[], limit = maxMetricNamesPerBatch()): void {
  const names = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    let inRow = 0;
    for (const name in rows[i]!.values) {
      if (++inRow > limit) {
        throw new AppError("invalid_body", `rows.${i}.values: a row names at most ${limit} distinct metrics`, ["rows", i, "values"]);
      }
      names.add(name);
    }
    if (names.size > limit) {
      throw new AppError("payload_too_large", `A batch names at most ${limit} distinct metrics (keys of rows[].values); split it into smaller batches`, ["rows"]);
    }
  }
}

/** A batch that would take a run past its cap of distinct metric names (422 naming `rows`; an import names `file`). */
export class RunMetricNamesError extends AppError {
  constructor(
    readonly limit: number,
    readonly have: number,
    readonly adding: number,
    path: (string | number)[] = ["rows"],
  ) {
    super("invalid_body", `${path.join(".")}: a run holds at most ${limit} distinct metric names; it has ${have} and this batch adds ${adding} new ones`, path);
    this.name = "RunMetricNamesError";
  }
}
