"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import type { PairQuadrant, PairSort, PairTrajectoryResponse, RankedPairsResponse } from "./contract";
import { fetchJson } from "../core/fetch-json";

export type PairFilters = { step: number | null; sort: PairSort; order: "asc" | "desc"; quadrant: PairQuadrant | null; q: string; offset: number; limit: number };

/**
 * Where a run's pairs are read: the run API, or a live share link's token (`base`), and the query-key prefix their
 * answers are cached under (the run's sits under "sequences", so the live stream refreshes it).
 */
export type PairSource = { base: string; key: readonly unknown[] };

export const runPairSource = (runId: string): PairSource => ({ base: `/api/v1/runs/${runId}`, key: ["runs", runId, "sequences"] });
export const sharedPairSource = (token: string): PairSource => ({ base: `/api/v1/share/${token}`, key: ["share", token, "pairs"] });

/** The query string of GET /pairs for these filters (defaults left out, so equal filters share a URL). */
function rankedPairsUrl(source: PairSource, f: PairFilters): string {
  const params = new URLSearchParams({ sort: f.sort, order: f.order, limit: String(f.limit), offset: String(f.offset) });
  if (f.step !== null) params.set("step", String(f.step));
  if (f.quadrant) params.set("quadrant", f.quadrant);
  if (f.q) params.set("q", f.q);
  return `${source.base}/pairs?${params}`;
}

export function useRankedPairs(source: PairSource, filters: PairFilters) {
  return useQuery({
    // A run's under "sequences": the live stream refreshes these when the run logs new pairs (lib/live/hooks.ts).
    queryKey: [...source.key, "pairs", filters],
    queryFn: () => fetchJson<RankedPairsResponse>(rankedPairsUrl(source, filters)),
    placeholderData: keepPreviousData,
  });
}

const trajectoryQuery = (source: PairSource, pairId: string | null) => ({
  queryKey: [...source.key, "pair", pairId],
  queryFn: () => fetchJson<PairTrajectoryResponse>(`${source.base}/pairs/${encodeURIComponent(pairId!)}`),
  enabled: pairId !== null,
});

export function usePairTrajectory(source: PairSource, pairId: string | null) {
  return useQuery(trajectoryQuery(source, pairId));
}

/** The same pair in several runs (a run that never logged it answers an empty trajectory). */
export function usePairAcrossRuns(runIds: string[], pairId: string | null) {
  return useQueries({ queries: runIds.map((id) => trajectoryQuery(runPairSource(id), pairId)) });
}
