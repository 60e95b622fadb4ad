// A toy run in the shape the diagnostics read, as it would look after the ingest path stored it:
// metric points grouped by name, sequence rows concatenated.

import type { MetricPoint, RunInput } from "@/lib/diagnostics/types";

import type { ToyRun } from "./run-toy-model";

export function convertToyRunToRunInput(run: ToyRun): RunInput {
  const metrics: Record<string, MetricPoint[]> = {};
  for (const record of run.records) {
    for (const [name, value] of Object.entries(record.metrics)) (metrics[name] ??= []).push({ step: record.step, value });
  }
  return { algorithm: run.algorithm, config: run.config, metrics, sequences: run.records.flatMap((record) => record.sequences) };
}
