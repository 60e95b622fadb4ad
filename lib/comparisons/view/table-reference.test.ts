import { describe, expect, it } from "vitest";
import { paperReferenceRuns } from "@/lib/demo/paper-reference";
import type { PivotRunInput } from "./table-pivot";
import { referencePivot, referenceRowLabel } from "./table-reference";

/** The paper's runs as the runs API would summarise them (first and last step of each series). */
function referenceRuns(table: string): { runs: PivotRunInput[]; metricNames: string[] } {
  const refs = paperReferenceRuns().filter((r) => r.config.table === table);
  const runs = refs.map((ref, i): PivotRunInput => {
    const metrics: PivotRunInput["metrics"] = {};
    for (const key of Object.keys(ref.metrics[0]!.values)) {
      const values = ref.metrics.map((row) => row.values[key] as number);
      metrics[key] = { first: values[0]!, last: values.at(-1)!, min: Math.min(...values), max: Math.max(...values) };
    }
    return { id: `ref-${i}`, name: ref.name, group: ref.group, algorithm: ref.algorithm, config: ref.config, metrics };
  });
  return { runs, metricNames: Object.keys(refs[0]!.metrics[0]!.values) };
}

describe("referencePivot", () => {
  it("shows Table 1 before and after DPO per scenario", () => {
    const { runs, metricNames } = referenceRuns("table1_logprobs");
    const pivot = referencePivot({ runs, table: "table1_logprobs", metricNames });
    expect(pivot.rowHeader).toBe("paper");
    expect(pivot.rows.map((r) => r.label)).toEqual(["Scenario 1", "Scenario 2", "Scenario 3", "Scenario 4"]);
    expect(pivot.columns.slice(0, 2).map((c) => c.label)).toEqual(["13B chosen (before)", "13B chosen (after DPO)"]);
    expect(pivot.rows[0]!.cells.slice(0, 2).map((c) => c.mean)).toEqual([-0.9181, -0.9681]);
    expect(pivot.rows.flatMap((r) => r.cells).some((c) => c.best)).toBe(false);
  });

  it("keeps the paper's row order and labels rows by setting", () => {
    const { runs, metricNames } = referenceRuns("table3_ppo_vs_dpo");
    const pivot = referencePivot({ runs, table: "table3_ppo_vs_dpo", metricNames });
    expect(pivot.rows.map((r) => r.label)).toEqual(["Base", "RLHF-PPO", "DPO"]);
    expect(pivot.columns[0]!.label).toBe("Poem: Row Number");
    expect(pivot.rows[1]!.cells[0]!.mean).toBe(0.91);
  });
});

describe("referenceRowLabel", () => {
  it("falls back to the run name", () => {
    expect(referenceRowLabel({ name: "x", config: {} })).toBe("x");
  });
});
