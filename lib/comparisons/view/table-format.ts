import { formatValue } from "@/lib/core/view/format";
import type { NonFiniteCounts, PivotCell } from "./table-pivot";

/**
 * Mean ± std the way papers print it: the std to two significant digits and the mean to the same decimal place,
 * so the digits shown are the ones the seeds agree on. Without a spread, the value alone to five significant digits:
 * enough for a published number (the paper prints -1.6776, 32.237) to read as published.
 */
export function formatMeanStd(mean: number | null, std: number | null): { mean: string; std: string | null } {
  if (mean === null) return { mean: formatValue(null), std: null };
  if (std === null || !Number.isFinite(std) || !Number.isFinite(mean)) return { mean: single(mean), std: null };
  if (std === 0) return { mean: single(mean), std: "0" };
  const decimals = 1 - Math.floor(Math.log10(std));
  // Outside this the fixed notation reads worse than formatValue's exponent form.
  if (decimals < 0 || decimals > 8 || Math.abs(mean) >= 1e6) return { mean: formatValue(mean), std: formatValue(std) };
  return { mean: mean.toFixed(decimals), std: std.toFixed(decimals) };
}

function single(value: number): string {
  const abs = Math.abs(value);
  if (!Number.isFinite(value) || (abs !== 0 && (abs < 1e-3 || abs >= 1e6))) return formatValue(value);
  return String(Number(value.toPrecision(5)));
}

/** "1 NaN, 2 +Inf": the values a cell's mean left out (ASCII, so every export format takes it). Empty when none. */
export function describeNonFinite(counts: NonFiniteCounts): string {
  const parts: string[] = [];
  if (counts.nan) parts.push(`${counts.nan} NaN`);
  if (counts.posInf) parts.push(`${counts.posInf} +Inf`);
  if (counts.negInf) parts.push(`${counts.negInf} -Inf`);
  return parts.join(", ");
}

/** The pieces a renderer needs: "mean", "± std" and a note (left-out values, or fewer runs than the row has). */
export function describeCell(cell: PivotCell, rowRuns: number): { mean: string; std: string | null; note: string | null } {
  if (cell.n === 0) return { mean: formatValue(null), std: null, note: null };
  const { mean, std } = formatMeanStd(cell.mean, cell.std);
  const left = describeNonFinite(cell.nonFinite);
  const notes: string[] = [];
  let shownMean = mean;
  if (cell.mean === null && left) {
    // Every value non-finite: name it rather than print a dash that reads as "not logged".
    const kinds = [cell.nonFinite.nan && "NaN", cell.nonFinite.posInf && "+Inf", cell.nonFinite.negInf && "-Inf"].filter(Boolean);
    shownMean = kinds.length === 1 ? String(kinds[0]) : "non-finite";
    if (cell.n > 1) notes.push(left);
  } else if (left) {
    notes.push(left);
  }
  if (cell.n < rowRuns) notes.push(`n=${cell.n}`);
  return { mean: shownMean, std, note: notes.length ? notes.join("; ") : null };
}

/** One line of text for a cell: "-0.968 ± 0.012 (1 NaN)". */
export function cellText(cell: PivotCell, rowRuns: number, plusMinus = "±"): string {
  const { mean, std, note } = describeCell(cell, rowRuns);
  return `${mean}${std !== null ? ` ${plusMinus} ${std}` : ""}${note ? ` (${note})` : ""}`;
}
