import type { ToyRun } from "../toy-model";
import type { MetricRow } from "../metrics/contract";
import type { SequenceRowInput } from "../sequences/contract";

/**
 * A toy run as the rows a runner would send: metrics per step, per-pair log-probs per step. With `clock`, each
 * metric row carries a wall time, `secondsPerStep` apart and ending at `end` (Unix seconds), as a real run's would.
 */
export function toyRunRows(run: ToyRun, clock?: { end: number; secondsPerStep: number }): { metrics: MetricRow[]; sequences: SequenceRowInput[] } {
  const metrics: MetricRow[] = [];
  const sequences: SequenceRowInput[] = [];
  const lastStep = run.records.at(-1)?.step ?? 0;
  for (const record of run.records) {
    const time = clock ? clock.end - (lastStep - record.step) * clock.secondsPerStep : undefined;
    metrics.push(time === undefined ? { step: record.step, values: record.metrics } : { step: record.step, values: record.metrics, time });
    for (const s of record.sequences) sequences.push({ ...s, split: s.split || "train" });
  }
  return { metrics, sequences };
}

export function toyRunName(o: { scenario: number; algorithm: string; beta?: number; betaW?: number; betaL?: number; alpha?: number; tau?: number; seed?: number }): string {
  const loss =
    o.algorithm === "flex_dpo"
      ? `bw${o.betaW ?? o.beta ?? 0.1}-bl${o.betaL ?? o.beta ?? 0.1}`
      : o.algorithm === "reward_model"
        ? "bt"
        : `b${o.beta ?? 0.1}${o.alpha !== undefined ? `-a${o.alpha}` : ""}${o.tau !== undefined ? `-t${o.tau}` : ""}`;
  return `toy-s${o.scenario}-${o.algorithm}-${loss}-seed${o.seed ?? 1}`;
}
