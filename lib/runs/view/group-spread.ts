import { formatValue } from "@/lib/core/view/format";

/**
 * A group's column as "mean ± standard deviation" over its runs' finite numbers (the sample deviation, n − 1),
 * the mean alone for one number, null when there is none (text columns, or no run logged it).
 */
export function groupSpread(values: readonly unknown[]): string | null {
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (numbers.length === 0) return null;
  const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
  if (numbers.length === 1) return formatValue(mean);
  const variance = numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / (numbers.length - 1);
  return `${formatValue(mean)} ± ${formatValue(Math.sqrt(variance))}`;
}
