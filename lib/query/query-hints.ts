// Why a query that parsed may match nothing: a config key, metric or algorithm that no run of the project has —
// `config.bta < 0.1` is valid syntax and silently selects no run. Hints, not errors: a key may simply not be logged yet.
import type { RunQueryField, RunQueryNode, RunQueryValue } from "./run-query-ast";

/** What the project's runs hold, for the fields a query can name. */
export interface ProjectVocabulary {
  configKeys: string[];
  metricNames: string[];
  algorithms: string[];
}

/** Edit distance, for "did you mean" (names are short: the quadratic table is fine). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/** The closest known name within a typo's reach (a third of its length in edits, at least one), if any. */
export function closest(word: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function fieldsOf(node: RunQueryNode, out: { field: RunQueryField; values: RunQueryValue[] }[] = []) {
  switch (node.kind) {
    case "and":
    case "or":
      node.children.forEach((child) => fieldsOf(child, out));
      break;
    case "not":
      fieldsOf(node.child, out);
      break;
    case "compare":
      out.push({ field: node.field, values: node.op === "=" ? [node.value] : [] });
      break;
    case "in":
      out.push({ field: node.field, values: node.values });
      break;
    case "has":
      out.push({ field: node.field, values: [] });
      break;
    case "text":
      break;
  }
  return out;
}

const didYouMean = (suggestion: string | null) => (suggestion ? ` Did you mean ${suggestion}?` : "");

/** One sentence per config key, metric or algorithm the query names and no run of the project has. */
export function runQueryHints(node: RunQueryNode | null, vocabulary: ProjectVocabulary): string[] {
  if (!node) return [];
  const hints = new Set<string>();
  const configKeys = new Set(vocabulary.configKeys);
  const metricNames = new Set(vocabulary.metricNames);
  const algorithms = new Set(vocabulary.algorithms.map((a) => a.toLowerCase()));
  for (const { field, values } of fieldsOf(node)) {
    if (field.kind === "config" && !configKeys.has(field.path[0]!)) {
      const near = closest(field.path[0]!, vocabulary.configKeys);
      hints.add(`No run in this project has the config key "${field.path[0]}".${didYouMean(near && `config.${near}`)}`);
    } else if (field.kind === "metric" && !metricNames.has(field.name)) {
      const near = closest(field.name, vocabulary.metricNames);
      hints.add(`No run in this project logged a metric named "${field.name}".${didYouMean(near && `metric.${near}`)}`);
    } else if (field.kind === "column" && field.column === "algorithm") {
      for (const value of values) {
        if (value.type === "null" || algorithms.has(value.text.toLowerCase())) continue;
        const known = vocabulary.algorithms.length ? ` (this project's: ${vocabulary.algorithms.join(", ")})` : "";
        hints.add(`No run in this project has the algorithm "${value.text}"${known}.${didYouMean(closest(value.text, vocabulary.algorithms))}`);
      }
    }
  }
  return [...hints];
}
