import { describe, expect, it } from "vitest";
import { toLineData, type ApiSeries } from "./series-traces";

function series(values: ApiSeries["points"][number]["value"][]): ApiSeries {
  return { key: "loss", total: values.length, sampled: false, points: values.map((value, step) => ({ step, value, time: 1000 + step, count: 1 })) };
}

describe("toLineData", () => {
  it("breaks the line at non-finite values and marks each at the edge of the finite range", () => {
    const data = toLineData(series([1, "NaN", 3, "Infinity", "-Infinity", 2]));
    expect(data.y).toEqual([1, null, 3, null, null, 2]);
    expect(data.markers).toEqual([
      { label: "NaN", x: [1], y: [3] },
      { label: "+Inf", x: [3], y: [3] },
      { label: "−Inf", x: [4], y: [1] },
    ]);
  });

  it("uses wall time on the x axis when asked", () => {
    expect(toLineData(series([5, 6]), "time").x).toEqual([1000, 1001]);
  });

  it("still places markers when no value is finite", () => {
    expect(toLineData(series(["NaN"])).markers[0]).toEqual({ label: "NaN", x: [0], y: [1] });
  });
});
