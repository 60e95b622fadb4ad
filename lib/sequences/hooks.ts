"use client";

import { useQuery } from "@tanstack/react-query";
import type { PairDistributionResponse, SequenceRowsResponse } from "./contract";
import { fetchJson } from "../core/fetch-json";

export function usePairDistribution(runId: string) {
  return useQuery({
    queryKey: ["runs", runId, "sequences", "distribution"],
    queryFn: () => fetchJson<PairDistributionResponse>(`/api/v1/runs/${runId}/sequences/distribution`),
  });
}

export function usePairsAtStep(runId: string, step: number | null) {
  return useQuery({
    queryKey: ["runs", runId, "sequences", step],
    queryFn: () => fetchJson<SequenceRowsResponse>(`/api/v1/runs/${runId}/sequences${step === null ? "" : `?step=${step}`}`),
  });
}
