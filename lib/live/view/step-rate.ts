import { decodeNumber } from "../../core/validation/wire-numbers";

/** "step 1,200 · 3.4 steps/s", the parts known; null when neither is. */
export function formatStepRate(lastStep: number | null, stepsPerSecond: number | string | null): string | null {
  const parts: string[] = [];
  if (lastStep !== null) parts.push(`step ${lastStep.toLocaleString("en-US")}`);
  const rate = stepsPerSecond === null ? null : decodeNumber(stepsPerSecond);
  if (rate !== null && Number.isFinite(rate) && rate > 0) parts.push(`${rate >= 10 ? rate.toFixed(0) : rate.toPrecision(2)} steps/s`);
  return parts.length ? parts.join(" · ") : null;
}
