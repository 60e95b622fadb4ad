import type { MetricRow } from "../validation/metrics";
import type { SequenceRowInput } from "../validation/sequences";

/** A seeded PRNG (mulberry32): demo data is the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticRunSpec {
  name: string;
  algorithm: string;
  config: Record<string, unknown>;
  tags: string[];
  /** How fast the rejected log-prob falls relative to the chosen one: the drastic-drop knob. */
  rejectedDrop: number;
  /** How far the chosen log-prob falls late in training: the degradation knob. */
  chosenDecline: number;
  steps: number;
  seed: number;
  /** Steps whose loss is logged as NaN, as a diverging run would send it. */
  nanSteps?: number[];
}

const PAIRS = 16;

/** A DPO-shaped run: TRL's metric names, and per-pair log-probs every 25 steps. */
export function synthesizeRun(spec: SyntheticRunSpec): { metrics: MetricRow[]; sequences: SequenceRowInput[] } {
  const rand = mulberry32(spec.seed);
  const beta = Number(spec.config.beta ?? 0.1);
  const ref = Array.from({ length: PAIRS }, () => ({ w: -40 - 20 * rand(), l: -45 - 20 * rand() }));
  const metrics: MetricRow[] = [];
  const sequences: SequenceRowInput[] = [];
  const start = Date.UTC(2026, 10, 1) / 1000;
  for (let step = 0; step <= spec.steps; step++) {
    const t = step / spec.steps;
    const c = 2 * Math.sin(Math.PI * Math.min(t, 0.5)) - spec.chosenDecline * Math.max(0, t - 0.3) * 10;
    const r = -spec.rejectedDrop * 30 * t;
    const margin = beta * (c - r);
    const noise = () => (rand() - 0.5) * 0.4;
    const loss = spec.nanSteps?.includes(step) ? Number.NaN : Math.log1p(Math.exp(-margin)) + noise() * 0.1;
    metrics.push({
      step,
      time: start + step * 2.5,
      values: {
        loss,
        "rewards/chosen": beta * c + noise() * beta,
        "rewards/rejected": beta * r + noise() * beta,
        "rewards/margins": margin,
        "rewards/accuracies": Math.min(1, 0.5 + 0.5 * (1 - Math.exp(-margin * 3))),
        "logps/chosen": -50 + c + noise(),
        "logps/rejected": -55 + r + noise(),
        learning_rate: 5e-7 * Math.min(1, step / 20),
      },
    });
    if (step % 25 === 0) {
      ref.forEach((p, i) => {
        const jitter = () => (rand() - 0.5) * 2;
        sequences.push({
          step,
          pair_id: `pair-${i}`,
          split: "train",
          logp_chosen: p.w + c + jitter(),
          logp_rejected: p.l + r + jitter(),
          ref_logp_chosen: p.w,
          ref_logp_rejected: p.l,
          len_chosen: 40 + i,
          len_rejected: 42 + i,
        });
      });
    }
  }
  return { metrics, sequences };
}

export const DEMO_RUNS: SyntheticRunSpec[] = [
  { name: "dpo-beta0.1-s1", algorithm: "dpo", config: { beta: 0.1, scenario: 1, seed: 1 }, tags: ["baseline"], rejectedDrop: 1, chosenDecline: 0.6, steps: 400, seed: 1 },
  { name: "dpo-beta0.1-s2", algorithm: "dpo", config: { beta: 0.1, scenario: 1, seed: 2 }, tags: ["baseline"], rejectedDrop: 1.1, chosenDecline: 0.5, steps: 400, seed: 2, nanSteps: [217] },
  { name: "flex-bw0.1-bl0.01", algorithm: "flex_dpo", config: { beta_w: 0.1, beta_l: 0.01, scenario: 1, seed: 1 }, tags: ["flex-beta"], rejectedDrop: 0.3, chosenDecline: 0.05, steps: 400, seed: 3 },
  { name: "dpo-sft-alpha1", algorithm: "dpo_sft", config: { beta: 0.1, alpha: 1, scenario: 1, seed: 1 }, tags: ["sft-reg"], rejectedDrop: 0.6, chosenDecline: 0, steps: 400, seed: 4 },
];
