"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import type { PairQuadrant, PairSort, PairTrajectoryResponse, RankedPairsResponse } from "./contract";
import { fetchJson } from "../core/fetch-json";

export type PairFilters = { step: number | null; sort: PairSort; order: "asc" | "desc"; quadrant: PairQuadrant | null; q: string; offset: number; limit: number };

/** The query string of GET /pairs for these filters (defaults left out, so equal filters share a URL). */
function rankedPairsUrl(runId: string, f: PairFilters): string {
  const params = new URLSearchParams({ sort: f.sort, order: f.order, limit: String(f.limit), offset: String(f.offset) });
  if (f.step !== null) params.set("step", String(f.step));
  if (f.quadrant) params.set("quadrant", f.quadrant);
  if (f.q) params.set("q", f.q);
  return `/api/v1/runs/${runId}/pairs?${params}`;
}

export function useRankedPairs(runId: string, filters: PairFilters) {
  return useQuery({
    // Under "sequences": the live stream refreshes these when the run logs new pairs (lib/live/hooks.ts).
    queryKey: ["runs", runId, "sequences", "pairs", filters],
    queryFn: () => fetchJson<RankedPairsResponse>(rankedPairsUrl(runId, filters)),
    placeholderData: keepPreviousData,
  });
}

const trajectoryQuery = (runId: string, pairId: string | null) => ({
  queryKey: ["runs", runId, "sequences", "pair", pairId],
  queryFn: () => fetchJson<PairTrajectoryResponse>(`/api/v1/runs/${runId}/pairs/${encodeURIComponent(pairId!)}`),
  enabled: pairId !== null,
});

export function usePairTrajectory(runId: string, pairId: string | null) {
  return useQuery(trajectoryQuery(runId, pairId));
}

/** The same pair in several runs (a run that never logged it answers an empty trajectory). */
export function usePairAcrossRuns(runIds: string[], pairId: string | null) {
  return useQueries({ queries: runIds.map((id) => trajectoryQuery(id, pairId)) });
}
