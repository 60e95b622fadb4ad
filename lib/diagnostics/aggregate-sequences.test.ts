import { describe, expect, it } from "vitest";

import { aggregateSequences } from "./aggregate-sequences";
import { resolveLossParams } from "./loss-params";
import type { SequenceRow } from "./types";

/** One pair at one step from its log-ratios c and r against a fixed reference. */
function makePair(step: number, id: string, c: number, r: number, split = "train"): SequenceRow {
  return {
    step,
    split,
    pair_id: id,
    logp_chosen: -20 + c,
    logp_rejected: -30 + r,
    ref_logp_chosen: -20,
    ref_logp_rejected: -30,
    len_chosen: 10,
    len_rejected: 20,
    log_grad_chosen: null,
    log_grad_rejected: null,
  };
}

const DPO = resolveLossParams("dpo", { beta: 0.1 });

describe("aggregateSequences", () => {
  it("reduces each step's pairs to means, shares and the median leak", () => {
    const rows = [makePair(5, "a", -1, -2), makePair(5, "b", 1, -3), makePair(5, "c", -2, 1), makePair(0, "a", 0, 0), makePair(5, "x", -9, -9, "eval")];
    const table = aggregateSequences(rows, "train", DPO);
    expect(table.steps).toEqual([0, 5]);
    const at5 = (key: keyof typeof table.columns) => table.columns[key]![1]!;
    expect(at5("chosenLogRatio")).toBeCloseTo(-2 / 3, 12);
    expect(at5("rejectedLogRatio")).toBeCloseTo(-4 / 3, 12);
    expect(at5("shareChosenDown")).toBeCloseTo(2 / 3, 12);
    expect(at5("shareBothDown")).toBeCloseTo(1 / 3, 12);
    expect(at5("logpChosenPerToken")).toBeCloseTo((-21 / 10 - 19 / 10 - 22 / 10) / 3, 12);
    expect(at5("logG")).toBeCloseTo(-20 - 2 / 3 - (-30 - 4 / 3), 12);
    // Leak of pair "a" is logsumexp(-21, -32) - logsumexp(-20, -30) ≈ -1: the median of ≈ {-1, +1, -2}.
    expect(at5("leakedMassMedian")).toBeCloseTo(-1, 3);
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    expect(at5("gradientWeight")).toBeCloseTo((sigma(-0.1) + sigma(-0.4) + sigma(0.3)) / 3, 12);
    expect(at5("logGradRatio")).toBeCloseTo(at5("logG"), 12);
  });

  it("skips non-finite values per statistic instead of dropping the step", () => {
    const rows = [makePair(1, "a", -1, -2), { ...makePair(1, "b", 5, 5), logp_chosen: Number.NaN }];
    const table = aggregateSequences(rows, "train", DPO);
    expect(table.columns.chosenLogRatio![0]).toBe(-1);
    expect(table.columns.rejectedLogRatio![0]).toBe(1.5);
    expect(table.columns.shareBothDown![0]).toBe(1);
  });

  it("leaves per-token columns empty without lengths and weight empty for non-logistic losses", () => {
    const rows = [{ ...makePair(1, "a", -1, -2), len_chosen: null, len_rejected: null }];
    const table = aggregateSequences(rows, "train", resolveLossParams("ipo", { tau: 0.1 }));
    expect(Number.isNaN(table.columns.logpChosenPerToken![0]!)).toBe(true);
    expect(Number.isNaN(table.columns.gradientWeight![0]!)).toBe(true);
    expect(Number.isFinite(table.columns.logGradChosen![0]!)).toBe(true);
  });
});
