// The columns/keys that place a row rather than measure something, shared by the JSONL and CSV importers.

/**
 * In priority order: a runner's own `step` beats W&B's `_step` counter, which beats `global_step`; LLaMA-Factory's
 * `trainer_log.jsonl` counts in `current_steps`.
 */
export const STEP_KEYS = ["step", "_step", "global_step", "current_steps"] as const;

/** `_timestamp` is W&B's; `time` is what hand-written loggers tend to use. */
export const TIME_KEYS = ["time", "_timestamp"] as const;

// Unix seconds pass 1e11 only in the year 5138; a larger value is milliseconds (Date.now()).
const MILLISECONDS_FROM = 1e11;

/** Unix seconds from a number (seconds or milliseconds) or a date string; undefined when it is neither. */
export function toUnixSeconds(value: unknown): number | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    return value >= MILLISECONDS_FROM ? value / 1000 : value;
  }
  if (typeof value === "string" && value.trim() !== "") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  return undefined;
}

/** A step must be a whole, non-negative number that survives a round-trip through a double. */
export function isValidStep(value: number | undefined): value is number {
  return value !== undefined && Number.isSafeInteger(value) && value >= 0;
}
