export type SortDirection = "asc" | "desc";

/**
 * Sorts table rows by a column's value: numbers numerically, strings naturally; missing and NaN values last
 * whichever the direction, since a user sorting by loss wants the runs that have one first.
 */
export function sortRows<T>(rows: readonly T[], value: (row: T) => unknown, direction: SortDirection): T[] {
  const sign = direction === "asc" ? 1 : -1;
  const rank = (v: unknown) => (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? 1 : 0);
  return [...rows].sort((a, b) => {
    const [va, vb] = [value(a), value(b)];
    const missing = rank(va) - rank(vb);
    if (missing !== 0 || rank(va)) return missing;
    if (typeof va === "number" && typeof vb === "number") return sign * (va - vb);
    return sign * String(va).localeCompare(String(vb), undefined, { numeric: true });
  });
}
