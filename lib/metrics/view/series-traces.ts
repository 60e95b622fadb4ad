import { decodeNumber } from "@/lib/core/validation/wire-numbers";

/** A series as the metrics API sends it (non-finite values spelled as strings): the contract's wire type. */
export type { ApiSeries } from "../contract";

export interface NonFiniteMarkers {
  label: "NaN" | "+Inf" | "−Inf";
  x: number[];
  y: number[];
}

export interface LineData {
  x: number[];
  y: (number | null)[];
  /** Non-finite values, pinned to the top (NaN, +Inf) or bottom (−Inf) of the finite range so they show. */
  markers: NonFiniteMarkers[];
}

export interface ApiPoint {
  step: number;
  value: number | string;
  time?: number;
}

/**
 * Splits a series into the line Plotly can draw and markers for the values it cannot. The line breaks (null)
 * where a value is non-finite, so a NaN never reads as a continuation of its neighbours.
 */
export function toLineData(series: { points: ApiPoint[] }, xAxis: "step" | "time" = "step"): LineData {
  const x: number[] = [];
  const y: (number | null)[] = [];
  const nonFinite = { NaN: [] as number[], "+Inf": [] as number[], "−Inf": [] as number[] };
  let lo = Infinity;
  let hi = -Infinity;
  for (const point of series.points) {
    const value = decodeNumber(point.value) ?? Number.NaN;
    const at = xAxis === "time" && point.time !== undefined ? point.time : point.step;
    x.push(at);
    if (Number.isFinite(value)) {
      y.push(value);
      lo = Math.min(lo, value);
      hi = Math.max(hi, value);
    } else {
      y.push(null);
      nonFinite[Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "−Inf"].push(at);
    }
  }
  if (lo > hi) [lo, hi] = [0, 1];
  const markers: NonFiniteMarkers[] = [];
  for (const label of ["NaN", "+Inf", "−Inf"] as const) {
    const xs = nonFinite[label];
    if (xs.length) markers.push({ label, x: xs, y: xs.map(() => (label === "−Inf" ? lo : hi)) });
  }
  return { x, y, markers };
}
