// Plasma, cut before its pale yellow end: every step stays readable as a thin line on white.
const STOPS = ["#0d0887", "#6a00a8", "#b12a90", "#e16462", "#f2844b", "#fca636"];

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A colour at t ∈ [0, 1] along the ramp, linearly interpolated between its stops. */
export function rampColor(t: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const at = clamped * (STOPS.length - 1);
  const i = Math.min(Math.floor(at), STOPS.length - 2);
  const [a, b] = [hexToRgb(STOPS[i]!), hexToRgb(STOPS[i + 1]!)];
  const mix = a.map((c, k) => Math.round(c + (b[k]! - c) * (at - i)));
  return `#${mix.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/**
 * One colour per β value, smallest β darkest. Spaced by rank, not by value: a sweep's values are usually
 * log-spaced and uneven, and equal steps along the ramp keep neighbours distinguishable.
 */
export function betaColors(values: number[]): Map<number, string> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  return new Map(sorted.map((v, i) => [v, rampColor(sorted.length === 1 ? 0 : i / (sorted.length - 1))]));
}
