import { escapeCsv } from "@/lib/comparisons/view/table-export";

/**
 * One CSV field: text quoted per RFC 4180 and, when a spreadsheet would run it as a formula (`=`, `+`, `-`, `@`,
 * tab, CR first), prefixed with ' — as the tables export does; numbers keep their full precision and NaN/±Infinity
 * their names.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "number" ? String(value) : escapeCsv(String(value));
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}
