/**
 * The columns of a W&B export, read as what they mean rather than as they are spelled:
 * - a chart export names each column `<run> - <metric>`, with `<run> - <metric>__MIN` / `__MAX` beside it (the
 *   band of the chart's smoothing, not logged values): the bands are left out and, when every column is of one
 *   run, the `<run> - ` prefix goes (several runs in one export keep it, so their series stay apart);
 * - pandas writes its index as a first column with an empty name (or `Unnamed: 0`): not a metric.
 * Returns, per metric column index, the name to store it under; columns absent from the map are left out.
 */
export function metricColumnNames(header: readonly string[], candidates: readonly number[]): Map<number, string> {
  const kept = candidates.filter((i) => {
    const name = header[i]!;
    if (i === 0 && (name.trim() === "" || /^Unnamed: 0$/.test(name))) return false;
    const band = /^(.*)__(MIN|MAX)$/.exec(name);
    return !(band && header.includes(band[1]!));
  });
  const prefixes = new Set(kept.map((i) => (/ - /.test(header[i]!) ? header[i]!.slice(0, header[i]!.indexOf(" - ") + 3) : "")));
  const [prefix] = prefixes;
  const strip = prefixes.size === 1 && prefix !== "" && prefix !== undefined;
  return new Map(kept.map((i) => [i, strip ? header[i]!.slice(prefix!.length) : header[i]!]));
}
