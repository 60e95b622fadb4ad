import { describe, expect, it } from "vitest";
import type { MlflowRun } from "./contract";
import { MlflowError } from "./errors";
import { parseLenientJson } from "./lenient-json";
import { matchesFilter, parseRunFilter, sortRuns } from "./search-filter";

function run(id: string, start: number, extra: Partial<MlflowRun["data"]> = {}, name = id): MlflowRun {
  return {
    info: { run_id: id, run_uuid: id, run_name: name, experiment_id: "1", user_id: "", status: "RUNNING", start_time: start, artifact_uri: "", lifecycle_stage: "active" },
    data: { metrics: [], params: [], tags: [], ...extra },
    inputs: {},
  };
}

const a = run(
  "a",
  1,
  { metrics: [{ key: "train/loss", value: 0.3, timestamp: 0, step: 5 }], params: [{ key: "beta", value: "0.1" }], tags: [{ key: "team", value: "rl" }] },
  "dpo-a",
);
const b = run("b", 2, { metrics: [{ key: "train/loss", value: 0.7, timestamp: 0, step: 5 }], params: [{ key: "beta", value: "0.5" }] }, "ipo-b");
const c = run("c", 3, {}, "DPO-c");

const pick = (filter: string) => [a, b, c].filter((r) => matchesFilter(r, parseRunFilter(filter))).map((r) => r.info.run_id);

describe("MLflow run filter", () => {
  it("takes metrics, params, tags and attributes joined by AND", () => {
    expect(pick("")).toEqual(["a", "b", "c"]);
    expect(pick("metrics.`train/loss` < 0.5")).toEqual(["a"]);
    expect(pick("metrics.\"train/loss\" >= 0.3 and params.beta != '0.1'")).toEqual(["b"]);
    expect(pick("tags.team = 'rl'")).toEqual(["a"]);
    expect(pick("attributes.run_name LIKE 'dpo%'")).toEqual(["a"]);
    expect(pick("run_name ILIKE 'dpo%'")).toEqual(["a", "c"]);
    expect(pick("params.beta IN ('0.1', '0.5')")).toEqual(["a", "b"]);
    expect(pick("attributes.run_id NOT IN ('a')")).toEqual(["b", "c"]);
    expect(pick("attributes.start_time > 1")).toEqual(["b", "c"]);
  });

  it("refuses what it does not implement, naming it", () => {
    for (const filter of [
      "params.beta = '1' OR params.beta = '2'",
      "metrics.loss = 'x'",
      "params.beta < '1'",
      "datasets.name = 'x'",
      "attributes.color = 'red'",
      "metrics.loss <",
    ]) {
      expect(() => parseRunFilter(filter), filter).toThrow(MlflowError);
    }
  });

  it("orders by metrics or attributes, runs without the value last, newest first otherwise", () => {
    expect(sortRuns([a, b, c], []).map((r) => r.info.run_id)).toEqual(["c", "b", "a"]);
    expect(sortRuns([a, b, c], ["metrics.`train/loss` DESC"]).map((r) => r.info.run_id)).toEqual(["b", "a", "c"]);
    expect(sortRuns([a, b, c], ["attributes.run_name ASC"]).map((r) => r.info.run_id)).toEqual(["c", "a", "b"]);
  });
});

describe("lenient JSON", () => {
  it("reads Python's bare NaN and Infinity tokens outside strings, and leaves strings alone", () => {
    expect(parseLenientJson('{"v": NaN, "w": -Infinity, "s": "NaN Infinity", "x": [Infinity]}')).toEqual({ v: "NaN", w: "-Infinity", s: "NaN Infinity", x: ["Infinity"] });
    expect(parseLenientJson('{"s": "a\\"NaN"}')).toEqual({ s: 'a"NaN' });
    expect(() => parseLenientJson("{nope}")).toThrow(SyntaxError);
  });
});
