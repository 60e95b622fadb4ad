import { describe, expect, it } from "vitest";
import { betaColors, rampColor } from "./sweep-colors";

describe("betaColors", () => {
  it("gives each distinct β its own colour, smallest darkest, ends of the ramp at the ends", () => {
    const colors = betaColors([0.1, 0.005, 0.02, 0.1]);
    expect([...colors.keys()]).toEqual([0.005, 0.02, 0.1]);
    expect(colors.get(0.005)).toBe("#0d0887");
    expect(colors.get(0.1)).toBe("#fca636");
    expect(new Set(colors.values()).size).toBe(3);
  });

  it("interpolates between stops and clamps outside [0, 1]", () => {
    expect(rampColor(-1)).toBe(rampColor(0));
    expect(rampColor(2)).toBe("#fca636");
    expect(rampColor(0.1)).toMatch(/^#[0-9a-f]{6}$/);
    expect(rampColor(0.1)).not.toBe(rampColor(0));
    expect(betaColors([0.3]).get(0.3)).toBe("#0d0887");
  });
});
