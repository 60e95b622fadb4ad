import { describe, expect, it } from "vitest";
import { rankConfigKeys } from "./config-keys";

describe("rankConfigKeys", () => {
  it("puts keys whose values differ first, then the most common, then by name; skips nested values", () => {
    const configs = [
      { beta: 0.1, model: "m", seed: 1, nested: { a: 1 }, only_here: true },
      { beta: 0.5, model: "m", seed: 2 },
      { beta: 0.1, model: "m", seed: 2, lr: 1e-6 },
    ];
    expect(rankConfigKeys(configs)).toEqual(["beta", "seed", "model", "lr", "only_here"]);
  });

  it("tells a number from the same text", () => {
    expect(rankConfigKeys([{ a: 1 }, { a: "1" }, { b: 1 }, { b: 1 }])).toEqual(["a", "b"]);
  });
});
