import { describe, expect, it } from "vitest";
import type { PairTrajectoryResponse } from "../contract";
import { formatMeasure, pairAcrossRunsFigure, pairTrajectoryFigure } from "./pair-trajectory-figure";

describe("pairTrajectoryFigure", () => {
  it("draws the four log-probs over the steps, a non-finite value as a gap", () => {
    const fig = pairTrajectoryFigure({
      pair_id: "p",
      split: "train",
      texts: null,
      steps: [0, 5],
      logp_chosen: [-1, "-Infinity"],
      logp_rejected: [-2, -3],
      ref_logp_chosen: [-1, -1],
      ref_logp_rejected: ["NaN", -2],
    });
    expect(fig.data).toHaveLength(4);
    expect((fig.data[0] as { y: unknown[] }).y).toEqual([-1, null]);
    expect((fig.data[3] as { y: unknown[] }).y).toEqual([null, -2]);
    expect((fig.data[0] as { x: unknown[] }).x).toEqual([0, 5]);
  });
});

describe("formatMeasure", () => {
  it("keeps three significant digits and spells non-finite values", () => {
    expect(formatMeasure(-1.23456)).toBe("-1.23");
    expect(formatMeasure("NaN")).toBe("NaN");
    expect(formatMeasure("-Infinity")).toBe("-Infinity");
    expect(formatMeasure(123456)).toBe("1.23e+5");
    expect(formatMeasure(0)).toBe("0.00");
  });
});

describe("pairAcrossRunsFigure", () => {
  it("draws each run's two deltas in its colour and skips runs without the pair", () => {
    const t: PairTrajectoryResponse = {
      pair_id: "p",
      split: "train",
      texts: null,
      steps: [0, 1],
      logp_chosen: [-1, -2],
      logp_rejected: [-3, "NaN"],
      ref_logp_chosen: [-1, -1],
      ref_logp_rejected: [-3, -3],
    };
    const fig = pairAcrossRunsFigure([
      { label: "dpo", color: "#111", trajectory: t },
      { label: "sft", color: "#222", trajectory: { ...t, steps: [], logp_chosen: [], logp_rejected: [], ref_logp_chosen: [], ref_logp_rejected: [] } },
      { label: "loading", color: "#333", trajectory: undefined },
    ]);
    expect(fig.data.map((d) => d.name)).toEqual(["dpo Δ log πw", "dpo Δ log πl"]);
    expect((fig.data[0] as { y: unknown[] }).y).toEqual([0, -1]);
    expect((fig.data[1] as { y: unknown[] }).y).toEqual([0, null]);
  });
});
