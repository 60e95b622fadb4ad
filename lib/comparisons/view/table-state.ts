import type { ColumnStat, Direction, TableColumn } from "./table-pivot";

/**
 * The tables view's whole state, kept in the URL so a table is a link: `preset`, `q` (runs filter), `group`,
 * `col` (repeated, `<stat>:<better>:<metric>` — the metric last because names hold colons) and `ref` (a paper
 * table). A preset fills what the URL leaves out; a parameter present but empty (`q=`, `col=`, `ref=`) means
 * "none", so a preset's filter can be cleared.
 */

export interface TableState {
  q: string;
  groupBy: string;
  columns: TableColumn[];
  /** A paper table id (config.table of the `paper` project's runs), or null for no reference rows. */
  reference: string | null;
}

export type PresetId = "scenario" | "method";

export interface TablePreset {
  id: PresetId;
  label: string;
  description: string;
  state: TableState;
}

const col = (key: string, stat: ColumnStat, better: Direction): TableColumn => ({ key, stat, better });

export const TABLE_PRESETS: readonly TablePreset[] = [
  {
    id: "scenario",
    label: "Scenario table",
    description: "Tables 1–2: log-probs before and after training per scenario, and the scores, mean ± std over seeds",
    state: {
      q: "tag:scenario-table",
      groupBy: "config.scenario",
      columns: [
        col("logps/chosen", "first", "none"),
        col("logps/chosen", "last", "higher"),
        col("logps/rejected", "first", "none"),
        col("logps/rejected", "last", "none"),
        col("eval/pref_accuracy", "last", "higher"),
        col("rewards/accuracies", "last", "higher"),
      ],
      reference: "table1_logprobs",
    },
  },
  {
    id: "method",
    label: "Method table",
    description: "Tables 3 and 10: DPO against DPO+SFT, IPO and SLiC on the same pairs, mean ± std over seeds",
    state: {
      q: "tag:method-table OR group = scenario-1",
      groupBy: "algorithm",
      columns: [
        col("eval/pref_accuracy", "last", "higher"),
        col("rewards/margins", "last", "higher"),
        col("toy/unseen_mass", "last", "lower"),
        col("logps/chosen", "last", "higher"),
      ],
      reference: "table10_variants",
    },
  },
];

const STATS: readonly ColumnStat[] = ["first", "last", "min", "max"];
const DIRECTIONS: readonly Direction[] = ["higher", "lower", "none"];

export function encodeColumn(column: TableColumn): string {
  return `${column.stat}:${column.better}:${column.key}`;
}

export function decodeColumn(text: string): TableColumn | null {
  const [stat, better, ...rest] = text.split(":");
  const key = rest.join(":");
  if (!key || !STATS.includes(stat as ColumnStat) || !DIRECTIONS.includes(better as Direction)) return null;
  return { key, stat: stat as ColumnStat, better: better as Direction };
}

/** Lower is better for losses and mass outside the data; higher for accuracies, margins, rewards and scores. */
export function guessDirection(metric: string): Direction {
  if (/loss|unseen|perplexity|error|nll/i.test(metric)) return "lower";
  if (/acc|margin|score|win|points|chosen/i.test(metric)) return "higher";
  return "none";
}

/** The table before anything is chosen: every run group, a few logged metrics at their last step. */
export function defaultTableState(metricNames: string[]): TableState {
  return { q: "", groupBy: "group", columns: metricNames.map((key) => col(key, "last", guessDirection(key))), reference: null };
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]);

export function findPreset(id: string | undefined): TablePreset | undefined {
  return TABLE_PRESETS.find((p) => p.id === id);
}

/** The state a URL asks for: its parameters, then the preset's, then `fallback`. */
export function parseTableState(params: SearchParams, fallback: TableState): TableState {
  const base = findPreset(first(params.preset))?.state ?? fallback;
  const q = first(params.q);
  const group = first(params.group);
  const cols = all(params.col);
  const ref = first(params.ref);
  return {
    q: q !== undefined ? q.trim() : base.q,
    groupBy: group ? group : base.groupBy,
    columns: cols !== undefined ? cols.map(decodeColumn).filter((c): c is TableColumn => c !== null) : base.columns,
    reference: ref !== undefined ? ref || null : base.reference,
  };
}

/** Every part of the state, explicitly: what the controls write after an edit. */
export function tableStateToSearch(state: TableState): string {
  const params = new URLSearchParams();
  params.set("q", state.q);
  params.set("group", state.groupBy);
  if (state.columns.length === 0) params.set("col", "");
  for (const column of state.columns) params.append("col", encodeColumn(column));
  params.set("ref", state.reference ?? "");
  return params.toString();
}

/** The preset a state is exactly, for highlighting its button after the URL spelled it out. */
export function matchPreset(state: TableState): PresetId | null {
  const same = (a: TableState, b: TableState) => tableStateToSearch(a) === tableStateToSearch(b);
  return TABLE_PRESETS.find((p) => same(p.state, state))?.id ?? null;
}
