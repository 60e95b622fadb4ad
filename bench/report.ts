// Printing for `npm run bench`: each figure, what it is compared with, and its target with MET / NOT MET.

export const rate = (rowsPerSecond: number) => `${Math.round(rowsPerSecond).toLocaleString("en-US")} rows/s`;
export const ms = (value: number) => `${value.toFixed(0)} ms`;
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
export const kb = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

/** "target: …  MET" / "NOT MET", or nothing for a figure without a target. */
export function verdict(target: string | undefined, met: boolean): string {
  return target ? `   [target ${target}: ${met ? "MET" : "NOT MET"}]` : "";
}

export function line(label: string, figure: string, comparison = "", target?: string, met = true): void {
  console.log(`${label.padEnd(38)} ${figure.padStart(20)}   ${comparison}${verdict(target, met)}`);
}

export function heading(text: string): void {
  console.log(`\n${text}`);
}
