// `created` values: a bare date means that whole UTC day, so `created = 2024-05-01` matches every run of the day
// and `created > 2024-05-01` starts the next day; a time without a zone is read as UTC so the server's zone never
// changes what a query means.

export interface RunQueryTimeSpan {
  from: Date;
  /** Exclusive end of a whole-day value; null for an instant. */
  to: Date | null;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const DAY_MS = 86_400_000;

export function parseRunQueryTime(text: string): RunQueryTimeSpan | null {
  const day = DATE_ONLY.exec(text);
  if (day) {
    const from = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // Date.UTC rolls 2024-02-31 over into March; a date that does not round-trip is not a date.
    if (from.toISOString().slice(0, 10) !== text) return null;
    return { from, to: new Date(from.getTime() + DAY_MS) };
  }
  if (!DATE_TIME.test(text)) return null;
  const iso = text.replace(" ", "T") + (HAS_ZONE.test(text) ? "" : "Z");
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : { from: at, to: null };
}
