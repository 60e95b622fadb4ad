import { describe, expect, it } from "vitest";
import { MAX_SERIES_RUNS } from "../metrics/page-url";
import { runsSeriesRequests, runsSeriesUrl } from "./series-url";

describe("runsSeriesRequests", () => {
  it("asks the runs that want any series for the union of their keys, sorted, in the page's order", () => {
    const requests = runsSeriesRequests([
      { runId: "b", keys: ["loss", "acc"] },
      { runId: "none", keys: [] },
      { runId: "a", keys: ["margin", "loss"] },
    ]);
    expect(requests).toEqual([{ runIds: ["b", "a"], keys: ["acc", "loss", "margin"] }]);
    expect(runsSeriesUrl(requests[0]!)).toBe("/api/v1/runs/series?runs=b%2Ca&keys=acc%2Closs%2Cmargin&max_points=1000");
  });

  it("splits a sweep of more runs than one request reads, each part with its own keys", () => {
    const asks = Array.from({ length: MAX_SERIES_RUNS + 3 }, (_, i) => ({ runId: `r${i}`, keys: [i < MAX_SERIES_RUNS ? "loss" : "acc"] }));
    const requests = runsSeriesRequests(asks);
    expect(requests.map((r) => r.runIds.length)).toEqual([MAX_SERIES_RUNS, 3]);
    expect(requests.map((r) => r.keys)).toEqual([["loss"], ["acc"]]);
  });

  it("makes no request when no run asks for a series", () => {
    expect(runsSeriesRequests([{ runId: "a", keys: [] }])).toEqual([]);
  });
});
