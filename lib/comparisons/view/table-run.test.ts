import { describe, expect, it } from "vitest";
import { toTableRun } from "./table-run";

describe("toTableRun", () => {
  it("keeps the table's fields and only the scalar config keys it can show", () => {
    const run = {
      id: "x",
      name: "r",
      algorithm: "dpo",
      status: "finished",
      health: null,
      last_seen_at: "s",
      group: null,
      tags: ["a"],
      created_at: "t",
      config: { beta: 0.1, args: { huge: true } },
      flags: [],
      metrics: {},
      diagnostics: { drop_ratio: 4.5 },
      summary: { big: 1 },
    };
    expect(toTableRun(run, ["beta", "seed"])).toEqual({
      id: "x",
      name: "r",
      algorithm: "dpo",
      status: "finished",
      health: null,
      last_seen_at: "s",
      group: null,
      tags: ["a"],
      created_at: "t",
      archived_at: null,
      config: { beta: 0.1 },
      flags: [],
      metrics: {},
      diagnostics: { drop_ratio: 4.5 },
    });
    expect(toTableRun({ ...run, archived_at: "2026-01-01T00:00:00.000Z" }, []).archived_at).toBe("2026-01-01T00:00:00.000Z");
  });
});
