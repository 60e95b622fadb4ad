// The lab's editable starting distribution: ten probabilities that always sum to 1 while the user drags one
// of them, drawn on a square-root scale so that 0.01 and 0.001 stay far enough apart to grab.

import { getScenarioTarget, type ToyScenario } from "../toy-model";
import { LAB_MIN_PROBABILITY } from "./contract";

/** Mass this small above the floor is rounding left by earlier drags, not a shape worth keeping. */
const NEGLIGIBLE = 1e-12;

export type ResponseGroup = "chosen" | "rejected" | "unseen";

/** Responses 1–4 are chosen, 5–8 rejected, 9–10 in no pair (toy-setup.ts). */
export function responseGroup(index: number): ResponseGroup {
  return index < 4 ? "chosen" : index < 8 ? "rejected" : "unseen";
}

export function scenarioDistribution(scenario: ToyScenario): number[] {
  return [...getScenarioTarget(scenario)];
}

/**
 * Sets one probability and rescales the others' mass above the floor so the total stays 1. Rescaling the
 * others in proportion keeps their shape (a preset's groups stay equal), and working from the distribution
 * at the start of a drag makes the drag reversible: moving back restores every bar.
 */
export function setProbability(base: readonly number[], index: number, value: number, floor = LAB_MIN_PROBABILITY): number[] {
  const n = base.length;
  const target = Math.min(Math.max(value, floor), 1 - (n - 1) * floor);
  const freeOthers = base.reduce((sum, p, j) => (j === index ? sum : sum + Math.max(p - floor, 0)), 0);
  const wanted = 1 - target - (n - 1) * floor;
  return base.map((p, j) => {
    if (j === index) return target;
    return freeOthers > NEGLIGIBLE ? floor + (Math.max(p - floor, 0) * wanted) / freeOthers : (1 - target) / (n - 1);
  });
}

/** Any non-negative weights as a distribution with every entry at or above the floor; null when unusable. */
export function normaliseDistribution(weights: readonly number[], floor = LAB_MIN_PROBABILITY): number[] | null {
  if (weights.length === 0 || weights.some((w) => !Number.isFinite(w) || w < 0)) return null;
  const free = weights.map((w) => Math.max(w, floor) - floor);
  const totalFree = free.reduce((a, b) => a + b, 0);
  const wanted = 1 - weights.length * floor;
  return free.map((f) => (totalFree > NEGLIGIBLE ? floor + (f * wanted) / totalFree : 1 / weights.length));
}

/** Bar height as a share of the track: √p, so a tenth of the height is p = 0.01. */
export function probabilityToHeight(p: number): number {
  return Math.sqrt(Math.min(Math.max(p, 0), 1));
}

export function heightToProbability(height: number): number {
  const h = Math.min(Math.max(height, 0), 1);
  return h * h;
}
