import { describe, expect, it } from "vitest";
import { metricLines, wallTimesCollapse } from "./metric-lines";

const points = [
  { step: 0, value: 1, time: 100 },
  { step: 1, value: "NaN", time: 101 },
  { step: 2, value: 3, time: 102 },
];

describe("metricLines", () => {
  it("draws one line without smoothing", () => {
    const lines = metricLines("loss", points, { smoothing: 0, x: "step" });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.data.y).toEqual([1, null, 3]);
  });

  it("keeps the raw line faint behind the smoothed one, markers on the raw line", () => {
    const [raw, smooth] = metricLines("loss", points, { smoothing: 0.5, x: "step" });
    expect(raw).toMatchObject({ name: "loss (raw)", opacity: 0.25 });
    expect(raw!.data.markers[0]!.label).toBe("NaN");
    expect(smooth!.data.markers).toEqual([]);
    expect(smooth!.data.y[0]).toBeCloseTo(1, 12);
    expect(smooth!.data.y[1]).toBeNull();
  });

  it("puts wall time on the x axis in milliseconds", () => {
    const [line] = metricLines("loss", points, { smoothing: 0, x: "time" });
    expect(line!.data.x).toEqual([100_000, 101_000, 102_000]);
    expect(line!.data.markers[0]!.x).toEqual([101_000]);
  });
});

describe("wallTimesCollapse", () => {
  it("says a series whose steps share one second of wall time cannot draw a time axis", () => {
    const at = (step: number, time?: number) => ({ step, value: 1, ...(time === undefined ? {} : { time }) });
    expect(wallTimesCollapse([at(0, 100), at(1, 100), at(2, 100.5)])).toBe(true);
    expect(wallTimesCollapse([at(0, 100), at(1, 101)])).toBe(false);
    // One step, or no times at all, is not a collapse.
    expect(wallTimesCollapse([at(5, 100), at(5, 100)])).toBe(false);
    expect(wallTimesCollapse([at(0), at(1)])).toBe(false);
  });
});
