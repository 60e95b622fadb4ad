// What the filter box offers for the word being typed: field names from the catalog, then the project's config
// keys (`config.be` → `config.beta`) and metric names (`metric.rew` → `metric.rewards/margins.last`).
import { RUN_QUERY_FIELDS } from "./run-query-fields";

const MAX_COMPLETIONS = 8;
/** Metric names with characters the query language does not take bare are quoted with backticks. */
const BARE_NAME = /^[\w/-]+$/;

export interface Completion {
  /** The whole query with the word replaced. */
  text: string;
  /** What the list shows. */
  label: string;
}

/** The word at the end of the text (after the last space, parenthesis or comma) and where it starts. */
function lastWord(text: string): { word: string; start: number } {
  const start = Math.max(text.lastIndexOf(" "), text.lastIndexOf("("), text.lastIndexOf(",")) + 1;
  return { word: text.slice(start), start };
}

const ranked = (names: string[], typed: string) => {
  const lower = typed.toLowerCase();
  const starts = names.filter((n) => n.toLowerCase().startsWith(lower));
  const contains = names.filter((n) => !n.toLowerCase().startsWith(lower) && n.toLowerCase().includes(lower));
  return [...starts, ...contains];
};

/** Completions for the last word of `text`, given the project's config keys and metric names. */
export function queryCompletions(text: string, vocabulary: { configKeys: string[]; metricNames: string[] }): Completion[] {
  const { word, start } = lastWord(text);
  const prefix = word.startsWith("has:") ? "has:" : "";
  const typed = word.slice(prefix.length);
  if (!typed) return [];
  let labels: string[];
  if (typed.startsWith("config.")) labels = ranked(vocabulary.configKeys, typed.slice(7)).map((k) => `config.${k}`);
  else if (typed.startsWith("metric.")) labels = ranked(vocabulary.metricNames, typed.slice(7)).map((m) => `metric.${BARE_NAME.test(m) ? m : `\`${m}\``}${prefix ? "" : ".last"}`);
  else if (typed.length >= 2 && !/[=<>~"]/.test(typed))
    labels = ranked(
      RUN_QUERY_FIELDS.map((f) => f.key).filter((k) => k !== "has:"),
      typed,
    );
  else return [];
  return labels
    .filter((label) => label !== typed)
    .slice(0, MAX_COMPLETIONS)
    .map((label) => ({ label: `${prefix}${label}`, text: `${text.slice(0, start)}${prefix}${label}${label.endsWith(".") ? "" : " "}` }));
}
