import "server-only";
import { getDb } from "@/lib/core/db";
import { listMetricKeys } from "@/lib/metrics/server/metric-series";
import { listRuns } from "@/lib/runs/server/run-list";
import { detectSweeps, sweepableKeys, type Sweep, type SweepCandidateRun } from "../view/sweep";

const PAGE = 1000;
/** Enough for the 10,000-run projects the runs table is built for; a larger project is read up to here. */
const MAX_PAGES = 20;

/**
 * Every sweep in the project (of the β parameters, or of `key` when it is one of the project's sweepable config
 * keys), and those keys: its runs read page by page (id, name, group, algorithm and config are all detection needs).
 */
export async function loadProjectSweeps({ project, key }: { project: string; key?: string }) {
  const runs: SweepCandidateRun[] = [];
  let cursor: string | undefined;
  let truncated = true;
  for (let page = 0; page < MAX_PAGES; page++) {
    const listed = await listRuns({ project, limit: PAGE, cursor });
    runs.push(...listed.runs.map(({ id, name, group, algorithm, config }) => ({ id, name, group, algorithm, config })));
    if (!listed.next_cursor) {
      truncated = false;
      break;
    }
    cursor = listed.next_cursor;
  }
  const keys = sweepableKeys({ runs });
  // An unknown key in the URL falls back to the β sweeps, as an unknown sweep falls back to the first.
  const swept = key !== undefined && keys.includes(key) ? key : undefined;
  return { sweeps: detectSweeps({ runs, key: swept }), truncated, keys, key: swept ?? null };
}

/**
 * The metrics the sweep's runs logged (names from any run), and for a chosen one each run's last value and which
 * runs logged it: the curves ask only those (the series API answers 404 for a name a run never logged).
 */
export async function loadSweepMetrics({ sweep }: { sweep: Sweep }) {
  const db = await getDb();
  const keys = await Promise.all(sweep.runs.map((r) => listMetricKeys({ db, runId: r.id })));
  const names = [...new Set(keys.flat().map((k) => k.name))].sort((a, b) => a.localeCompare(b));
  const finalsOf = (metric: string) => {
    const found = keys.map((runKeys) => runKeys.find((k) => k.name === metric));
    return {
      // A key with no last value reads as not logged; a NaN last value stays NaN.
      finals: sweep.runs.map((run, i) => ({ beta: run.beta, value: found[i] && found[i].last_value !== null ? Number(found[i].last_value) : null })),
      loggedBy: sweep.runs.filter((_, i) => found[i]).map((r) => r.id),
    };
  };
  return { names, finalsOf };
}
