import { summariseValues, type PivotCell } from "./table-pivot";

/**
 * Seeds of one method as one curve with a band (the paper's Figure 4): each seed is interpolated linearly onto
 * common steps, then mean and spread are taken across the seeds that cover each step. Seeds logged at different
 * steps (eval every 20 steps in one run, every 25 in another) still line up; no seed is extrapolated past its
 * own first or last point, so `n` says how many seeds stand behind each step.
 */

export interface SeedPoint {
  step: number;
  value: number;
}

export interface SeedSeries {
  runId: string;
  name: string;
  /** Grouping key, e.g. the run's algorithm. */
  method: string;
  points: SeedPoint[];
}

/** "minmax": the band spans the seeds' lowest to highest value; "std": mean ± sample standard deviation. */
export type BandKind = "minmax" | "std";

export interface BandCurve {
  steps: number[];
  mean: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
  n: number[];
}

export interface MethodCurve {
  method: string;
  runs: { id: string; name: string }[];
  curve: BandCurve;
  /** Each seed's last logged value (a NaN counted, not averaged), summarised: what a results table prints. */
  final: Omit<PivotCell, "best">;
  /** Non-finite points left out of the interpolation (shown, never silently dropped). */
  nonFinite: number;
}

function finitePoints(points: SeedPoint[]): SeedPoint[] {
  return points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.step)).sort((a, b) => a.step - b.step);
}

function lastPoint(points: SeedPoint[]): SeedPoint | undefined {
  return points.reduce<SeedPoint | undefined>((last, p) => (!last || p.step >= last.step ? p : last), undefined);
}

/** The union of the seeds' steps, or an even grid of `maxSteps` over their range when the union is larger. */
export function commonSteps(series: SeedPoint[][], maxSteps = 1000): number[] {
  const union = [...new Set(series.flatMap((points) => points.map((p) => p.step)))].sort((a, b) => a - b);
  if (union.length <= maxSteps || union.length < 2) return union;
  const [lo, hi] = [union[0]!, union.at(-1)!];
  const grid = Array.from({ length: maxSteps }, (_, i) => Math.round(lo + ((hi - lo) * i) / (maxSteps - 1)));
  return [...new Set(grid)];
}

/** Linear interpolation of sorted points at each step; null outside the points' range. */
export function interpolateAt(points: SeedPoint[], steps: number[]): (number | null)[] {
  const out: (number | null)[] = [];
  let j = 0;
  for (const step of steps) {
    if (points.length === 0 || step < points[0]!.step || step > points.at(-1)!.step) {
      out.push(null);
      continue;
    }
    while (j + 1 < points.length && points[j + 1]!.step <= step) j++;
    const a = points[j]!;
    const b = points[j + 1];
    if (a.step === step || !b) out.push(a.value);
    else out.push(a.value + ((b.value - a.value) * (step - a.step)) / (b.step - a.step));
  }
  return out;
}

export function bandCurve({ seeds, band, maxSteps }: { seeds: SeedPoint[][]; band: BandKind; maxSteps?: number }): BandCurve {
  const clean = seeds.map(finitePoints);
  const steps = commonSteps(clean, maxSteps);
  const values = clean.map((points) => interpolateAt(points, steps));
  const curve: BandCurve = { steps, mean: [], lo: [], hi: [], n: [] };
  steps.forEach((_, i) => {
    const here = values.map((v) => v[i]).filter((v): v is number => v !== null && v !== undefined);
    const { mean, std } = summariseValues(here);
    curve.n.push(here.length);
    curve.mean.push(mean);
    if (mean === null) {
      curve.lo.push(null);
      curve.hi.push(null);
    } else if (band === "minmax") {
      curve.lo.push(Math.min(...here));
      curve.hi.push(Math.max(...here));
    } else {
      curve.lo.push(mean - (std ?? 0));
      curve.hi.push(mean + (std ?? 0));
    }
  });
  return curve;
}

/** One curve per method, methods in name order, seeds in the order given. */
export function methodCurves({ series, band, maxSteps }: { series: SeedSeries[]; band: BandKind; maxSteps?: number }): MethodCurve[] {
  const methods = [...new Set(series.map((s) => s.method))].sort((a, b) => a.localeCompare(b));
  return methods.map((method) => {
    const members = series.filter((s) => s.method === method);
    const lastValues = members.map((s) => lastPoint(s.points)?.value).filter((v): v is number => v !== undefined);
    return {
      method,
      runs: members.map((s) => ({ id: s.runId, name: s.name })),
      curve: bandCurve({ seeds: members.map((s) => s.points), band, maxSteps }),
      final: summariseValues(lastValues),
      nonFinite: members.reduce((sum, s) => sum + s.points.filter((p) => !Number.isFinite(p.value)).length, 0),
    };
  });
}
