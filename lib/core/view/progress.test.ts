import { describe, expect, it } from "vitest";
import { createThrottle, describeProgress, formatBytes, formatDuration, ProgressMeter, progressPercent } from "./progress";

describe("formatBytes", () => {
  it("writes bytes whole and larger sizes in binary units with three significant digits", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.50 KiB");
    expect(formatBytes(12.34 * 1024 * 1024)).toBe("12.3 MiB");
    expect(formatBytes(512 * 1024 * 1024)).toBe("512 MiB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.00 GiB");
    expect(formatBytes(-5)).toBe("0 B");
  });
});

describe("formatDuration", () => {
  it("rounds up to whole seconds, then minutes and hours", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(0.2)).toBe("1 s");
    expect(formatDuration(59)).toBe("59 s");
    expect(formatDuration(75)).toBe("1 min 15 s");
    expect(formatDuration(3600 + 120)).toBe("1 h 02 min");
  });
});

describe("ProgressMeter", () => {
  it("has no rate before time passes, then the average since the first sample and the time left at that rate", () => {
    const meter = new ProgressMeter();
    expect(meter.estimate(1000, 11_000, 5_000)).toEqual({ rate: null, secondsLeft: null });
    expect(meter.estimate(3000, 11_000, 6_000)).toEqual({ rate: 2000, secondsLeft: 4 });
    // A stall lowers the average rate; the time left grows with it.
    expect(meter.estimate(3000, 11_000, 8_000)).toEqual({ rate: 2000 / 3, secondsLeft: 12 });
    expect(meter.estimate(11_000, 11_000, 9_000)).toEqual({ rate: 2500, secondsLeft: 0 });
  });

  it("gives a rate but no time left when the total is unknown", () => {
    const meter = new ProgressMeter();
    meter.estimate(0, 0, 0);
    expect(meter.estimate(4096, 0, 2000)).toEqual({ rate: 2048, secondsLeft: null });
  });
});

describe("describeProgress", () => {
  it("says what is known: bytes of the total, rows, rate and time left", () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(5, 0)).toBeNull();
    expect(describeProgress({ bytes: 12 * 1024 * 1024, total: 40 * 1024 * 1024, rows: 81234 }, { rate: 5 * 1024 * 1024, secondsLeft: 5.6 })).toBe(
      "12.0 MiB of 40.0 MiB (30%) · 81,234 rows · 5.00 MiB/s · 6 s left",
    );
    expect(describeProgress({ bytes: 2048, total: 0 }, { rate: null, secondsLeft: null })).toBe("2.00 KiB");
  });
});

describe("createThrottle", () => {
  it("lets the first call through, then one per interval of the given clock", () => {
    let now = 1000;
    const due = createThrottle(250, () => now);
    expect(due()).toBe(true);
    now = 1249;
    expect(due()).toBe(false);
    now = 1250;
    expect(due()).toBe(true);
    now = 1300;
    expect(due()).toBe(false);
    now = 2000;
    expect(due()).toBe(true);
  });
});
