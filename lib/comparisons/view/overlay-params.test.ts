import { describe, expect, it } from "vitest";
import { MAX_COMPARE_RUNS, parseMetricsParam, parseRunsParam, withSearchParam } from "./overlay-params";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("parseRunsParam", () => {
  it("keeps distinct ids in order and sets names apart", () => {
    expect(parseRunsParam(` ${uuid(2)},${uuid(1)},,${uuid(2)},toy-run `)).toEqual({ ids: [uuid(2), uuid(1)], names: ["toy-run"], dropped: 0 });
    expect(parseRunsParam(undefined)).toEqual({ ids: [], names: [], dropped: 0 });
  });

  it("caps the comparison and says how many it dropped", () => {
    const many = Array.from({ length: MAX_COMPARE_RUNS + 3 }, (_, i) => uuid(i)).join(",");
    const parsed = parseRunsParam(many);
    expect(parsed.ids).toHaveLength(MAX_COMPARE_RUNS);
    expect(parsed.dropped).toBe(3);
  });
});

describe("parseMetricsParam", () => {
  it("tells an absent list (defaults) from an emptied one", () => {
    expect(parseMetricsParam(null)).toBeNull();
    expect(parseMetricsParam("")).toEqual([]);
    expect(parseMetricsParam("logps/chosen,loss,loss")).toEqual(["logps/chosen", "loss"]);
  });
});

describe("withSearchParam", () => {
  it("sets or removes one parameter and keeps the rest", () => {
    expect(withSearchParam("runs=a&metrics=x", "metrics", "y,z")).toBe("?runs=a&metrics=y,z");
    expect(withSearchParam("?runs=a&config=all", "config", null)).toBe("?runs=a");
    expect(withSearchParam("", "x", null)).toBe("?");
    expect(withSearchParam("", "metrics", "logps/chosen,loss")).toBe("?metrics=logps/chosen,loss");
    expect(new URLSearchParams(withSearchParam("", "q", "a,b&c/d%")).get("q")).toBe("a,b&c/d%");
  });
});
