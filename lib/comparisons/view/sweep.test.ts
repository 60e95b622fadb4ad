import { describe, expect, it } from "vitest";
import { aggregateFinalValues, describeSweep, detectSweeps, readBeta, sweepableKeys, type SweepCandidateRun } from "./sweep";

let counter = 0;
const run = (group: string | null, config: Record<string, unknown>, name = `run-${++counter}`): SweepCandidateRun => ({ id: `id-${name}`, name, group, config });

describe("user-defined sweeps (a chosen config key)", () => {
  const lrRuns = () => [
    ...[1e-6, 5e-7, 2e-6].map((lr) => run(null, { beta: 0.1, learning_rate: lr, seed: 1, output_dir: `/o/${lr}` }, `lr${lr}`)),
    run(null, { beta: 0.2, learning_rate: 1e-6, seed: 1 }, "other-beta"),
    ...[4, 8].map((bs) => run("bs-group", { beta: 0.1, batch_size: bs, learning_rate: 1e-6 }, `bs${bs}`)),
  ];

  it("finds runs alike but for the key, holding β, and a group differing in it alone", () => {
    const lr = detectSweeps({ runs: lrRuns(), key: "learning_rate" });
    expect(lr).toHaveLength(1);
    expect(lr[0]).toMatchObject({ group: "runs alike but for learning_rate", basis: "config", parameter: "learning_rate", values: [5e-7, 1e-6, 2e-6], fixed: { beta: 0.1 } });
    expect(describeSweep(lr[0]!)).toBe("learning_rate × 3 at β = 0.1");
    const bs = detectSweeps({ runs: lrRuns(), key: "batch_size" });
    expect(bs.map((s) => [s.group, s.basis, s.values])).toEqual([["bs-group", "group", [4, 8]]]);
  });

  it("refuses a group whose runs also differ in a β (which the β sweeps still find)", () => {
    const runs = [run("g", { beta: 0.1, lr: 1 }), run("g", { beta: 0.2, lr: 2 })];
    expect(detectSweeps({ runs, key: "lr" })).toEqual([]);
    expect(detectSweeps({ runs }).map((s) => s.parameter)).toEqual(["beta"]);
  });

  it("offers the positive numeric keys with two values or more, never the per-run ones", () => {
    expect(sweepableKeys({ runs: lrRuns() })).toEqual(["batch_size", "beta", "learning_rate"]);
    expect(sweepableKeys({ runs: [run(null, { lr: 1, name: "a" }), run(null, { lr: 1, name: "b" })] })).toEqual([]);
  });
});

describe("detectSweeps", () => {
  it("finds a β_l sweep at fixed β_w, sorted by β, and ignores groups with one β", () => {
    const runs = [
      ...[0.1, 0.005, 0.02].map((bl) => run("beta_l-sweep", { beta_w: 0.1, beta_l: bl, seed: 1 }, `bl${bl}`)),
      ...[1, 2, 3].map((seed) => run("scenario-1", { beta: 0.1, seed })),
    ];
    const sweeps = detectSweeps({ runs });
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]).toMatchObject({ group: "beta_l-sweep", parameter: "beta_l", values: [0.005, 0.02, 0.1], fixed: { beta_w: 0.1 } });
    expect(sweeps[0]!.runs.map((r) => r.name)).toEqual(["bl0.005", "bl0.02", "bl0.1"]);
  });

  it("keeps seeds that share a β as replicates and reads β written as a string", () => {
    const runs = [run("b", { beta: "1e-2", seed: 1 }), run("b", { beta: 0.01, seed: 2 }), run("b", { beta: 0.1, seed: 1 })];
    const [sweep] = detectSweeps({ runs });
    expect(sweep).toMatchObject({ parameter: "beta", values: [0.01, 0.1] });
    expect(sweep!.runs).toHaveLength(3);
  });

  it("rejects groups varying two β parameters, runs missing the swept β, non-positive β and ungrouped runs", () => {
    const runs = [
      run("two", { beta_w: 0.1, beta_l: 0.1 }),
      run("two", { beta_w: 0.2, beta_l: 0.05 }),
      run("partial", { beta: 0.1 }),
      run("partial", {}),
      run("zero", { beta: 0 }),
      run("zero", { beta: 0.1 }),
      run(null, { beta: 0.1 }),
      run(null, { beta: 0.2 }),
      run("single", { beta: 0.3 }),
    ];
    expect(detectSweeps({ runs })).toEqual([]);
  });

  it("lists several sweeps by group name", () => {
    const runs = [run("z", { beta: 0.1 }), run("z", { beta: 0.2 }), run("a", { beta_w: 0.1, beta_l: 0.1 }), run("a", { beta_w: 0.3, beta_l: 0.1 })];
    expect(detectSweeps({ runs }).map((s) => [s.group, s.parameter])).toEqual([
      ["a", "beta_w"],
      ["z", "beta"],
    ]);
  });
});

describe("readBeta", () => {
  it("reads numbers and numeric strings, nothing else", () => {
    expect([0.1, "0.05", "", "abc", null, true, Number.NaN].map(readBeta)).toEqual([0.1, 0.05, null, null, null, null, null]);
  });
});

describe("aggregateFinalValues", () => {
  it("averages seeds per β with the standard error, ascending β", () => {
    const out = aggregateFinalValues({
      values: [
        { beta: 0.1, value: 2 },
        { beta: 0.01, value: 1 },
        { beta: 0.1, value: 4 },
        { beta: 0.1, value: 6 },
      ],
    });
    expect(out.map((a) => a.beta)).toEqual([0.01, 0.1]);
    expect(out[0]).toMatchObject({ mean: 1, stdError: null, values: [1] });
    // sd of (2, 4, 6) is 2, so s.e. = 2 / √3
    expect(out[1]!.mean).toBe(4);
    expect(out[1]!.stdError).toBeCloseTo(2 / Math.sqrt(3), 12);
  });

  it("counts non-finite and missing final values instead of averaging them in", () => {
    const [only] = aggregateFinalValues({
      values: [
        { beta: 0.1, value: Number.NaN },
        { beta: 0.1, value: null },
        { beta: 0.1, value: Number.POSITIVE_INFINITY },
        { beta: 0.1, value: 3 },
      ],
    });
    expect(only).toMatchObject({ mean: 3, stdError: null, nonFinite: 2, missing: 1, values: [3] });
    const [none] = aggregateFinalValues({ values: [{ beta: 0.2, value: Number.NaN }] });
    expect(none!.mean).toBeNull();
  });
});

describe("sweeps found by config", () => {
  const byConfig = (name: string, algorithm: string, config: Record<string, unknown>, group: string | null = null): SweepCandidateRun => ({
    id: `id-${name}`,
    name,
    group,
    algorithm,
    config,
  });

  it("runs with no group that share algorithm and config but one β (seeds and output dirs aside) are a sweep, named and explained", () => {
    const runs = [
      byConfig("dpo-b0.1-s1", "dpo", { beta: 0.1, lr: 5e-7, seed: 1, output_dir: "/out/a" }),
      byConfig("dpo-b0.1-s2", "dpo", { beta: 0.1, lr: 5e-7, seed: 2, output_dir: "/out/b" }),
      byConfig("dpo-b0.5", "dpo", { beta: 0.5, lr: 5e-7, seed: 1, output_dir: "/out/c" }),
      byConfig("dpo-lr-other", "dpo", { beta: 0.3, lr: 1e-6, seed: 1 }),
      byConfig("ipo-b0.1", "ipo", { beta: 0.2, lr: 5e-7, seed: 1 }),
    ];
    const sweeps = detectSweeps({ runs });
    expect(sweeps).toHaveLength(1);
    expect(sweeps[0]).toMatchObject({ group: "dpo runs alike but for β", basis: "config", parameter: "beta", values: [0.1, 0.5] });
    expect(sweeps[0]!.runs.map((r) => r.name)).toEqual(["dpo-b0.1-s1", "dpo-b0.1-s2", "dpo-b0.5"]);
    expect(sweeps[0]!.reason).toMatch(/share their algorithm and every config value except β .*whatever their group or name/);
  });

  it("a group already a sweep is listed once, as its group; two config sweeps of one algorithm get distinct names", () => {
    const runs = [
      byConfig("a1", "dpo", { beta: 0.1, lr: 1 }, "g"),
      byConfig("a2", "dpo", { beta: 0.2, lr: 1 }, "g"),
      byConfig("b1", "dpo", { beta: 0.1, lr: 2 }),
      byConfig("b2", "dpo", { beta: 0.2, lr: 2 }),
      byConfig("c1", "dpo", { beta_w: 0.1, beta_l: 0.01, lr: 3 }),
      byConfig("c2", "dpo", { beta_w: 0.1, beta_l: 0.02, lr: 3 }),
    ];
    const sweeps = detectSweeps({ runs });
    expect(sweeps.map((s) => [s.group, s.basis, s.runs.map((r) => r.name).join(",")])).toEqual([
      ["g", "group", "a1,a2"],
      ["dpo runs alike but for β", "config", "b1,b2"],
      ["dpo runs alike but for β (2)", "config", "c1,c2"],
    ]);
    expect(sweeps[0]!.reason).toBe('the runs of group "g", which differ in β');
  });
});
