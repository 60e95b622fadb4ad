import { describe, expect, it } from "vitest";
import { applyRunPatch } from "./apply-run-patch";
import type { TableRun } from "../../comparisons/view/table-run";
import type { LiveRunPatch } from "../contract";

const row: TableRun = {
  id: "4f9c1c52-7c43-4d2b-9d57-0b1c1a8c0b11",
  name: "dpo-1",
  algorithm: "dpo",
  status: "running",
  health: "live",
  last_seen_at: "2026-12-01T00:00:30.000Z",
  group: null,
  tags: [],
  created_at: "2026-12-01T00:00:00.000Z",
  archived_at: null,
  config: { beta: 0.1 },
  flags: [],
  metrics: { loss: { last: 0.7, min: 0.6 } },
};

const summary = (last: number | "NaN") => ({ first: 1, last, last_step: 9, min: 0.5, max: 1, count: 10 });
const patch = (extra: Partial<LiveRunPatch> = {}): LiveRunPatch => ({
  id: row.id,
  name: "dpo-1",
  status: "finished",
  health: null,
  last_seen_at: "2026-12-01T00:01:00.000Z",
  flags: [{ property: "non_finite", severity: "critical", first_step: 9, evidence: { count: 1 } }],
  flag_level: 3,
  diagnostics: {},
  updated_at: "2026-12-01T00:01:00.000Z",
  last_step: 9,
  steps_per_second: 2,
  metrics: { loss: summary(0.55) },
  ...extra,
});

describe("applyRunPatch", () => {
  it("takes status, flags and the shown aggregates of the written keys", () => {
    const out = applyRunPatch(row, patch());
    expect(out.status).toBe("finished");
    expect(out.health).toBeNull();
    expect(out.flags).toHaveLength(1);
    expect(out.metrics).toEqual({ loss: { last: 0.55, min: 0.5 } });
  });

  it("decodes non-finite aggregates as the table holds them", () => {
    expect(applyRunPatch(row, patch({ metrics: { loss: summary("NaN") } })).metrics.loss!.last).toBeNaN();
  });

  it("adds no column the row does not show, and keeps user keys as keys (__proto__)", () => {
    const out = applyRunPatch(row, patch({ metrics: { reward: summary(1), ["__proto__"]: summary(2) } }));
    expect(Object.keys(out.metrics)).toEqual(["loss"]);
    expect(out.metrics.loss).toEqual(row.metrics.loss);
  });
});
