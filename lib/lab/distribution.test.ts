import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { heightToProbability, normaliseDistribution, probabilityToHeight, responseGroup, scenarioDistribution, setProbability } from "./distribution";

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const FLOOR = 0.001;

/** Distributions the lab can hold: ten entries at or above the floor, summing to 1. */
const distributions = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 10 }).map((w) => normaliseDistribution(w, FLOOR)!);

describe("setProbability", () => {
  it("sets the dragged entry, keeps the sum at 1 and every entry at or above the floor", () => {
    fc.assert(
      fc.property(distributions, fc.integer({ min: 0, max: 9 }), fc.double({ min: -1, max: 2, noNaN: true }), (base, index, value) => {
        const next = setProbability(base, index, value, FLOOR);
        expect(sum(next)).toBeCloseTo(1, 12);
        for (const p of next) expect(p).toBeGreaterThanOrEqual(FLOOR - 1e-15);
        expect(next[index]).toBeCloseTo(Math.min(Math.max(value, FLOOR), 1 - 9 * FLOOR), 12);
      }),
    );
  });

  it("rescales the others in proportion, so a preset's groups stay equal", () => {
    const next = setProbability(scenarioDistribution(1), 0, 0.3);
    expect(next[0]).toBe(0.3);
    expect(new Set(next.slice(1, 8).map((p) => p.toFixed(12))).size).toBe(1);
    expect(next[8]).toBeCloseTo(next[9]!, 12);
    // What is rescaled is each entry's mass above the floor.
    expect((next[1]! - FLOOR) / (next[8]! - FLOOR)).toBeCloseTo((0.12 - FLOOR) / (0.02 - FLOOR), 9);
  });

  it("is reversible when dragged from the distribution at the start of the drag", () => {
    const base = scenarioDistribution(2);
    const back = setProbability(base, 5, base[5]!);
    back.forEach((p, i) => expect(p).toBeCloseTo(base[i]!, 12));
    expect(setProbability(base, 5, 0.9)).not.toEqual(base);
  });

  it("spreads the rest evenly when every other entry sits on the floor", () => {
    const base = setProbability(scenarioDistribution(1), 3, 1);
    expect(base.filter((p, i) => i !== 3).every((p) => Math.abs(p - FLOOR) < 1e-12)).toBe(true);
    const next = setProbability(base, 3, 0.1);
    for (const [i, p] of next.entries()) if (i !== 3) expect(p).toBeCloseTo(0.1, 12);
  });
});

describe("normaliseDistribution", () => {
  it("leaves a valid distribution alone and rescales weights", () => {
    const preset = scenarioDistribution(3);
    normaliseDistribution(preset)!.forEach((p, i) => expect(p).toBeCloseTo(preset[i]!, 12));
    expect(sum(normaliseDistribution([1, 1, 1, 1, 1, 1, 1, 1, 1, 1000])!)).toBeCloseTo(1, 12);
    expect(Math.min(...normaliseDistribution([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])!)).toBeCloseTo(FLOOR, 12);
    expect(normaliseDistribution(Array(10).fill(0))).toEqual(Array(10).fill(0.1));
  });

  it("refuses negative or non-finite weights", () => {
    expect(normaliseDistribution([1, -1])).toBeNull();
    expect(normaliseDistribution([1, Number.NaN])).toBeNull();
    expect(normaliseDistribution([])).toBeNull();
  });
});

describe("bar scale and groups", () => {
  it("maps heights and probabilities both ways on a square-root scale", () => {
    expect(probabilityToHeight(0.01)).toBeCloseTo(0.1, 12);
    expect(probabilityToHeight(1)).toBe(1);
    for (const p of [0.001, 0.12, 0.46]) expect(heightToProbability(probabilityToHeight(p))).toBeCloseTo(p, 12);
    expect(heightToProbability(1.5)).toBe(1);
    expect(heightToProbability(-0.2)).toBe(0);
  });

  it("colours responses 1–4 chosen, 5–8 rejected, 9–10 unseen", () => {
    expect(Array.from({ length: 10 }, (_, i) => responseGroup(i))).toEqual([...Array(4).fill("chosen"), ...Array(4).fill("rejected"), "unseen", "unseen"]);
  });
});
