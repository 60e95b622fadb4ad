"use client";

import { useQuery } from "@tanstack/react-query";
import type { PairHistograms } from "./view/pair-histograms";
import { fetchJson } from "../core/fetch-json";

export interface SequenceRowsResponse {
  step: number | null;
  split: string;
  steps: number[];
  rows: { pair_id: string; logp_chosen: number | string; logp_rejected: number | string; ref_logp_chosen: number | string; ref_logp_rejected: number | string }[];
}

export function usePairDistribution(runId: string) {
  return useQuery({
    queryKey: ["runs", runId, "sequences", "distribution"],
    queryFn: () => fetchJson<PairHistograms & { run_id: string }>(`/api/v1/runs/${runId}/sequences/distribution`),
  });
}

export function usePairsAtStep(runId: string, step: number | null) {
  return useQuery({
    queryKey: ["runs", runId, "sequences", step],
    queryFn: () => fetchJson<SequenceRowsResponse>(`/api/v1/runs/${runId}/sequences${step === null ? "" : `?step=${step}`}`),
  });
}
