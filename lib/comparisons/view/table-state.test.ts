import { describe, expect, it } from "vitest";
import { decodeColumn, defaultTableState, encodeColumn, matchPreset, parseTableState, TABLE_PRESETS, tableStateToSearch } from "./table-state";

const fallback = defaultTableState(["loss", "rewards/accuracies"]);
const fromSearch = (search: string) => {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const prev = params[key];
    params[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return params;
};

describe("columns in the URL", () => {
  it("round-trips metric names that hold colons and slashes", () => {
    const column = { key: "Poem: Row Number", stat: "max" as const, better: "higher" as const };
    expect(decodeColumn(encodeColumn(column))).toEqual(column);
  });

  it("rejects unknown statistics or directions and empty names", () => {
    expect(decodeColumn("median:higher:loss")).toBeNull();
    expect(decodeColumn("last:up:loss")).toBeNull();
    expect(decodeColumn("last:lower:")).toBeNull();
  });
});

describe("parseTableState", () => {
  it("falls back to every run group with the given metrics at their last step", () => {
    const state = parseTableState({}, fallback);
    expect(state).toEqual(fallback);
    expect(state.columns.map((c) => [c.key, c.better])).toEqual([
      ["loss", "lower"],
      ["rewards/accuracies", "higher"],
    ]);
  });

  it("fills what the URL leaves out from the preset", () => {
    const state = parseTableState({ preset: "scenario", group: "algorithm" }, fallback);
    expect(state.groupBy).toBe("algorithm");
    expect(state.q).toBe("tag:scenario-table");
    expect(state.reference).toBe("table1_logprobs");
    expect(state.columns[0]).toEqual({ key: "logps/chosen", stat: "first", better: "none" });
  });

  it("treats a present but empty parameter as 'none'", () => {
    const state = parseTableState({ preset: "method", q: "", ref: "", col: "" }, fallback);
    expect(state).toMatchObject({ q: "", reference: null, columns: [] });
  });

  it("round-trips a state through the URL and recognises a preset spelled out", () => {
    for (const preset of TABLE_PRESETS) {
      const search = tableStateToSearch(preset.state);
      const parsed = parseTableState(fromSearch(search), fallback);
      expect(parsed).toEqual(preset.state);
      expect(matchPreset(parsed)).toBe(preset.id);
    }
    expect(matchPreset({ ...TABLE_PRESETS[0]!.state, groupBy: "run" })).toBeNull();
  });
});
