import { describe, expect, it } from "vitest";
import { formatSilence, silenceTitle } from "./health-label";

describe("formatSilence", () => {
  it.each([
    [0, "0 s"],
    [45.9, "45 s"],
    [119, "119 s"],
    [120, "2 min"],
    [7 * 60 + 59, "7 min"],
    [119 * 60, "119 min"],
    [3 * 3600 + 10, "3 h"],
    [-5, "0 s"],
  ])("%s s → %s", (seconds, shown) => expect(formatSilence(seconds)).toBe(shown));
});

describe("silenceTitle", () => {
  it("counts from the last sign of life to now", () => {
    expect(silenceTitle("2026-01-01T00:00:00.000Z", Date.parse("2026-01-01T00:07:30.000Z"))).toBe("no data or heartbeat for 7 min");
  });
});
