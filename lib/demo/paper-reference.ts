import paperTables from "./data/paper-tables.json";
import type { MetricRow } from "../metrics/contract";

/**
 * The paper's tables as reference runs of a `paper` project, so comparison views can put published numbers next
 * to a team's own. Table 1's "before" (basemodel) and "after" (DPO) rows become steps 0 and 1 of one run per
 * scenario, so "first" and "last" mean what the paper means; every other row is one run with its values at step 0.
 */
export interface ReferenceRun {
  name: string;
  algorithm: string;
  group: string;
  config: Record<string, unknown>;
  tags: string[];
  summary: Record<string, unknown>;
  metrics: MetricRow[];
}

const SOURCE = "Yan et al. 2024, 3D-Properties";

/** The paper's row labels as algorithm names the rest of PrefScope uses. */
export function algorithmOfSetting(setting: string): string {
  const s = setting.toLowerCase();
  if (s.includes("ppo")) return "ppo";
  if (s.includes("flex")) return "flex_dpo";
  if (s.includes("ipo")) return "ipo";
  if (s.includes("slic")) return "slic";
  if (s.includes("dpo") || s.includes("scenario")) return "dpo";
  return "base";
}

function scenarioOf(setting: string): number | undefined {
  const match = /scenario (\d)/i.exec(setting);
  return match ? Number(match[1]) : undefined;
}

function valuesOf(columns: string[], values: number[]): Record<string, number> {
  return Object.fromEntries(columns.map((c, i) => [c, values[i]!]));
}

interface TableRows {
  caption: string;
  columns: string[];
  rows: { setting: string; values: number[] }[];
  unit?: string;
}

function settingRuns(table: string, label: string, data: TableRows, extra: Record<string, unknown> = {}): ReferenceRun[] {
  return data.rows.map((row) => {
    const values = valuesOf(data.columns, row.values);
    const scenario = scenarioOf(row.setting);
    return {
      name: `${label} · ${row.setting}`,
      algorithm: algorithmOfSetting(row.setting),
      group: label,
      config: { table, setting: row.setting, ...(scenario ? { scenario } : {}), ...(data.unit ? { unit: data.unit } : {}), source: SOURCE, reference: true, ...extra },
      tags: ["paper", table],
      summary: { ...values, caption: data.caption },
      metrics: [{ step: 0, values }],
    };
  });
}

export function paperReferenceRuns(): ReferenceRun[] {
  const t1 = paperTables.table1_logprobs;
  const scenarios = [...new Set(t1.rows.map((r) => r.scenario))];
  const table1 = scenarios.map<ReferenceRun>((scenario) => {
    const before = t1.rows.find((r) => r.scenario === scenario && r.stage === "basemodel")!;
    const after = t1.rows.find((r) => r.scenario === scenario && r.stage !== "basemodel")!;
    return {
      name: `Table 1 · Scenario ${scenario}`,
      algorithm: "dpo",
      group: "Table 1",
      config: { table: "table1_logprobs", scenario, source: SOURCE, reference: true, policy: paperTables.table4_scenarios[scenario - 1] },
      tags: ["paper", "table1_logprobs"],
      summary: { caption: t1.caption, before: valuesOf(t1.columns, before.values), after: valuesOf(t1.columns, after.values) },
      metrics: [
        { step: 0, values: valuesOf(t1.columns, before.values) },
        { step: 1, values: valuesOf(t1.columns, after.values) },
      ],
    };
  });
  const t89 = paperTables.table8_table9_per_dataset;
  const appendix = t89.tables.flatMap((t, i) =>
    settingRuns(`table${8 + i}_per_dataset`, `Table ${8 + i}`, { caption: t89.caption, columns: t89.columns, rows: t.rows, unit: t89.unit }),
  );
  return [
    ...table1,
    ...settingRuns("table2_math_scores", "Table 2", paperTables.table2_math_scores),
    ...settingRuns("table3_ppo_vs_dpo", "Table 3", paperTables.table3_ppo_vs_dpo, { model: "Baichuan2-33B" }),
    ...appendix,
    ...settingRuns("table10_variants", "Table 10", paperTables.table10_variants),
  ];
}
