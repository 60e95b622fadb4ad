import { pivotTable, readConfigPath, type PivotRunInput, type PivotTable, type TableColumn } from "./table-pivot";

/**
 * The paper's published tables as reference rows under a team's own table. They live as runs of the `paper`
 * project (config.table names the table; Table 1 logs "before" at step 0 and "after DPO" at step 1), so they come
 * through the same queries as any run, with the paper's own columns.
 */

export const PAPER_PROJECT = "paper";

export const PAPER_TABLES = [
  { id: "table1_logprobs", label: "Table 1 — log-probs before/after DPO" },
  { id: "table2_math_scores", label: "Table 2 — MATH* and SuperCLUE scores" },
  { id: "table3_ppo_vs_dpo", label: "Table 3 — RLHF-PPO vs DPO" },
  { id: "table8_per_dataset", label: "Table 8 — per data set" },
  { id: "table9_per_dataset", label: "Table 9 — per data set" },
  { id: "table10_variants", label: "Table 10 — DPO variants" },
] as const;

export function paperTableLabel(id: string): string {
  return PAPER_TABLES.find((t) => t.id === id)?.label ?? id;
}

/** Table 1 is the one whose two steps mean before and after training; the others hold one value per cell. */
export function referenceColumns(table: string, metricNames: string[]): TableColumn[] {
  if (table === "table1_logprobs") {
    return metricNames.flatMap((key): TableColumn[] => [
      { key, stat: "first", better: "none", label: `${key} (before)` },
      { key, stat: "last", better: "none", label: `${key} (after DPO)` },
    ]);
  }
  return metricNames.map((key) => ({ key, stat: "last", better: "none", label: key }));
}

/** "DPO in Scenario 2", "Scenario 3", or the run's name. */
export function referenceRowLabel(run: Pick<PivotRunInput, "name" | "config">): string {
  const setting = readConfigPath(run.config, "setting");
  if (typeof setting === "string" && setting) return setting;
  const scenario = readConfigPath(run.config, "scenario");
  if (scenario !== undefined && scenario !== null) return `Scenario ${String(scenario)}`;
  return run.name;
}

/** One row per reference run, in the order given (the paper's), under the header "paper". */
export function referencePivot({ runs, table, metricNames }: { runs: PivotRunInput[]; table: string; metricNames: string[] }): PivotTable {
  const pivot = pivotTable({ runs, groupBy: "run", columns: referenceColumns(table, metricNames) });
  const order = new Map(runs.map((r, i) => [r.id, i]));
  const byRun = new Map(runs.map((r) => [r.id, r]));
  const rows = pivot.rows.map((row) => ({ ...row, label: referenceRowLabel(byRun.get(row.key)!) })).sort((a, b) => order.get(a.key)! - order.get(b.key)!);
  return { ...pivot, rowHeader: "paper", rows };
}
