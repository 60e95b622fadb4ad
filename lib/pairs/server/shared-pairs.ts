import "server-only";
import { getDb } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { readSharedRun, type SharedReport } from "@/lib/reports/server/share-links";
import type { RankPairsQuery } from "../contract";
import { rankPairs, readPairTrajectory } from "./rank-pairs";

/**
 * A run report's pairs, through its token: live links only. A frozen link keeps what it showed when it was made
 * (run, metrics, diagnostics); ranked pairs at every step and sort are not in that copy, and a frozen link never
 * falls back to live data.
 */
async function sharedPairsRun(shared: SharedReport) {
  if (shared.link.mode === "frozen") throw new AppError("not_found", "A frozen link keeps no pairs: share the report as a live link to inspect them");
  return readSharedRun({ shared });
}

export async function rankSharedPairs({ shared, query }: { shared: SharedReport; query: RankPairsQuery }) {
  return rankPairs({ db: await getDb(), run: await sharedPairsRun(shared), query });
}

export async function readSharedPairTrajectory({ shared, pairId, split }: { shared: SharedReport; pairId: string; split: string }) {
  const run = await sharedPairsRun(shared);
  return readPairTrajectory({ db: await getDb(), runId: run.id, pairId, split });
}
