import { describe, expect, it } from "vitest";

import { computeDiagnostics } from "./compute-diagnostics";
import { makeSyntheticMetrics, makeSyntheticSequences, piecewise, SHAPES, type RunShape } from "./synthetic-runs";
import type { RunInput, SeriesMap } from "./types";

const CONFIG = { beta: 0.1 };

function fromSequences(shape: RunShape, steps = 500, every = 1): RunInput {
  return { algorithm: "dpo", config: CONFIG, metrics: {}, sequences: makeSyntheticSequences({ shape, steps, every }) };
}

function fromMeans(shape: RunShape, steps = 500, every = 1, noise = 0.3): RunInput {
  return { algorithm: "dpo", config: CONFIG, metrics: makeSyntheticMetrics({ shape, steps, every, noise }), sequences: [] };
}

const flagsOf = (run: RunInput) => Object.fromEntries(computeDiagnostics(run).flags.map((f) => [f.property, f.severity]));

describe("computeDiagnostics flags", () => {
  it.each([
    ["per-pair rows", fromSequences(SHAPES.degrading)],
    ["batch means", fromMeans(SHAPES.degrading)],
  ])("raises all three properties on a degrading run from %s", (_, run) => {
    const { flags } = computeDiagnostics(run);
    expect(flags.map((f) => f.property)).toEqual(["drastic_drop", "degradation", "dispersion"]);
    const [drop, degradation] = flags;
    expect(drop!.severity).toBe("critical");
    expect(drop!.evidence.drop_ratio).toBeGreaterThanOrEqual(drop!.evidence.threshold_drop_ratio as number);
    expect(degradation!.evidence.chosen_fall_from_peak).toBeGreaterThanOrEqual(Math.LN2);
    // The chosen only starts to fall after its peak at 20% of the run.
    expect(degradation!.first_step).toBeGreaterThan(100);
    expect(drop!.first_step).toBeLessThan(degradation!.first_step);
  });

  it("measures dispersion per pair when rows exist", () => {
    const flag = computeDiagnostics(fromSequences(SHAPES.dispersing)).flags.find((f) => f.property === "dispersion")!;
    expect(flag.severity).toBe("critical");
    expect(flag.evidence).toMatchObject({ source: "sequences", threshold_share_both_down: 0.75 });
    expect(flag.evidence.leaked_mass_median).toBeLessThanOrEqual(-Math.log(10));
  });

  it.each([
    ["an SFT-like run (rows)", fromSequences(SHAPES.sftLike)],
    ["an SFT-like run (means)", fromMeans(SHAPES.sftLike)],
    ["a run where nothing moves", fromMeans(SHAPES.flat)],
  ])("stays quiet on %s", (_, run) => {
    expect(computeDiagnostics(run).flags).toEqual([]);
  });

  it("does not flag a single-step spike", () => {
    for (const every of [1, 1000]) {
      const run = fromMeans(SHAPES.flat, 500 * every, every, 0.05);
      const spike = run.metrics["rewards/rejected"]![250]!;
      spike.value = -50;
      run.metrics["logps/rejected"]![250]!.value = -548;
      expect(computeDiagnostics(run).flags).toEqual([]);
      // Without the window the same spike would flag: the window is what keeps it quiet.
      const noWindow = { window: { minPoints: 1, minSpanFraction: 0, minShare: 0 } };
      expect(computeDiagnostics(run, { thresholds: noWindow }).flags.map((f) => f.property)).toContain("drastic_drop");
    }
  });

  it("neither crashes nor raises 3D flags on NaN and infinite points, still flags through them, and flags them as non_finite", () => {
    const run = fromMeans(SHAPES.degrading);
    for (const points of Object.values(run.metrics)) {
      points.forEach((p, i) => {
        if (i % 4 === 1) p.value = Number.NaN;
        if (i % 9 === 2) p.value = -Infinity;
      });
    }
    const { non_finite: nonFinite, ...threeD } = flagsOf(run);
    expect(threeD).toEqual(flagsOf(fromMeans(SHAPES.degrading)));
    expect(nonFinite).toBe("critical");
    expect(computeDiagnostics(run).flags.find((f) => f.property === "non_finite")?.first_step).toBe(run.metrics["logps/chosen"]![1]!.step);

    const allNaN: SeriesMap = Object.fromEntries(
      Object.entries(makeSyntheticMetrics({ shape: SHAPES.degrading, steps: 100, every: 1 })).map(([k, v]) => [k, v.map((p) => ({ ...p, value: Number.NaN }))]),
    );
    const result = computeDiagnostics({ algorithm: "dpo", config: CONFIG, metrics: allNaN, sequences: [] });
    expect(result.flags.map((f) => f.property)).toEqual(["non_finite"]);
    expect(result.series).toEqual({});
  });

  it("flags a clear case logged only every 1,000 steps", () => {
    expect(flagsOf(fromMeans(SHAPES.degrading, 30_000, 1000))).toMatchObject({ drastic_drop: "critical", degradation: "critical" });
    expect(flagsOf(fromSequences(SHAPES.degrading, 30_000, 1000))).toMatchObject({ degradation: "critical" });
  });

  it("flags only what a run in progress has shown so far", () => {
    const full = fromMeans(SHAPES.degrading);
    const early: RunInput = {
      ...full,
      metrics: Object.fromEntries(Object.entries(full.metrics).map(([k, v]) => [k, v.filter((p) => p.step <= 100)])),
    };
    const flags = flagsOf(early);
    expect(flags.degradation).toBeUndefined();
    expect(flags.drastic_drop).toBeDefined();
    // Windows are measured against the steps elapsed at the time, so what was flagged stays flagged.
    const later = computeDiagnostics(full).flags;
    for (const flag of computeDiagnostics(early).flags) {
      expect(later.find((f) => f.property === flag.property)?.first_step).toBe(flag.first_step);
    }
  });

  it("takes threshold overrides key by key", () => {
    const run = fromMeans(SHAPES.degrading);
    const strict = computeDiagnostics(run, {
      thresholds: { drasticDrop: { info: { minDropRatio: 1e6 }, warning: { minDropRatio: 1e6 }, critical: { minDropRatio: 1e6 } } },
    });
    expect(strict.flags.map((f) => f.property)).not.toContain("drastic_drop");
    const lenient = computeDiagnostics(fromMeans(SHAPES.sftLike), {
      thresholds: { dispersion: { info: { maxLeakedMass: 10 } } },
    });
    expect(lenient.flags.map((f) => f.property)).toEqual(["dispersion"]);
  });

  it("reads another split when asked", () => {
    const rows = makeSyntheticSequences({ shape: SHAPES.degrading, steps: 500, every: 5 }).map((r) => ({ ...r, split: "eval" }));
    const run: RunInput = { algorithm: "dpo", config: CONFIG, metrics: {}, sequences: rows };
    expect(computeDiagnostics(run).summary.source).toBe("none");
    const evalResult = computeDiagnostics(run, { split: "eval" });
    expect(evalResult.summary).toMatchObject({ source: "sequences", split: "eval" });
    expect(evalResult.flags.length).toBe(3);
  });
});

describe("computeDiagnostics output", () => {
  it("names its series and says what batch means cannot give", () => {
    const result = computeDiagnostics(fromMeans(SHAPES.degrading, 100));
    expect(Object.keys(result.series)).toEqual(expect.arrayContaining(["diag/chosen_log_ratio", "diag/drop_ratio", "diag/log_g", "diag/logp_rejected_change"]));
    expect(result.unavailable.map((u) => u.diagnostic)).toEqual(expect.arrayContaining(["median leaked mass"]));
    expect(result.summary).toMatchObject({ source: "batch_means", first_step: 0, last_step: 100, loss: { beta_w: 0.1, beta_l: 0.1 } });
    expect(result.summary.last["diag/chosen_log_ratio"]).toBeCloseTo(-3, 0);
  });

  it("derives the per-pair series from rows", () => {
    const result = computeDiagnostics(fromSequences(SHAPES.degrading, 100));
    for (const name of ["diag/share_both_down", "diag/leaked_mass_median", "diag/gradient_weight", "diag/log_grad_ratio", "diag/log_g_per_token"]) {
      expect(result.series[name]?.length).toBe(101);
    }
    expect(result.unavailable).toEqual([]);
  });

  it("explains what an unknown loss cannot give and reports an empty run", () => {
    const run = { ...fromSequences(SHAPES.flat, 10), algorithm: "kto" };
    expect(computeDiagnostics(run).unavailable.map((u) => u.diagnostic)).toEqual(["gradient magnitudes log|∂L/∂πw|, log|∂L/∂πl|", "gradient weight mean σ(−βΔ)"]);
    const empty = computeDiagnostics({ algorithm: null, config: {}, metrics: {}, sequences: [] });
    expect(empty).toMatchObject({ flags: [], series: {}, summary: { source: "none", points: 0, first_step: null } });
  });

  it("handles a 100k-step run in one pass", () => {
    const shape = { chosen: piecewise([0, 0], [0.2, 1], [1, -3]), rejected: piecewise([0, 0], [1, -20]) };
    const result = computeDiagnostics(fromMeans(shape, 100_000, 1));
    expect(result.summary.points).toBe(100_001);
    expect(result.flags.map((f) => f.property)).toContain("degradation");
  });
});
