import { describe, expect, it } from "vitest";
import { diffConfigs, flattenConfig } from "./config-diff";

describe("diffConfigs", () => {
  const configs = [
    { beta_w: 0.1, beta_l: 0.1, seed: 1, lr: 0.01 },
    { beta_w: 0.1, beta_l: 0.01, seed: 1 },
  ];

  it("keeps only differing keys by default; a key one run lacks differs", () => {
    const { rows, differing, total } = diffConfigs({ configs });
    expect(rows).toEqual([
      { key: "beta_l", values: [0.1, 0.01], differs: true },
      { key: "lr", values: [0.01, undefined], differs: true },
    ]);
    expect([differing, total]).toEqual([2, 4]);
  });

  it("shows every key, alphabetical, when asked", () => {
    const { rows } = diffConfigs({ configs, showAll: true });
    expect(rows.map((r) => [r.key, r.differs])).toEqual([
      ["beta_l", true],
      ["beta_w", false],
      ["lr", true],
      ["seed", false],
    ]);
  });

  it("compares nested values leaf by leaf and ignores key order inside objects", () => {
    const { rows } = diffConfigs({
      configs: [
        { model: { name: "gpt2", size: 1 }, data: [{ a: 1, b: 2 }] },
        { model: { size: 1, name: "llama" }, data: [{ b: 2, a: 1 }] },
      ],
      showAll: true,
    });
    expect(rows.map((r) => [r.key, r.differs])).toEqual([
      ["data", false],
      ["model.name", true],
      ["model.size", false],
    ]);
  });

  it("tells NaN from a missing key and a string from a number", () => {
    const { rows } = diffConfigs({ configs: [{ x: Number.NaN, y: "0.1" }, { y: 0.1 }] });
    expect(rows.map((r) => r.key)).toEqual(["x", "y"]);
    expect(diffConfigs({ configs: [{ x: Number.NaN }, { x: Number.NaN }] }).rows).toEqual([]);
  });
});

describe("flattenConfig", () => {
  it("joins nested keys with dots and keeps arrays and empty objects whole", () => {
    expect(flattenConfig({ a: { b: { c: 1 } }, d: [1, 2], e: {} })).toEqual({ "a.b.c": 1, d: [1, 2], e: {} });
  });
});
