import { describe, expect, it } from "vitest";
import { runsSeriesSchema } from "@/lib/metrics/contract";
import { call, newProject, newRun } from "./api-client";

/** Three runs of one project: `a` logs every key (one rolled up, one with non-finite values), `b` two, `c` none of them. */
async function threeRuns() {
  const { project, key } = await newProject();
  const [a, b, c] = [await newRun(project, key), await newRun(project, key), await newRun(project, key)];
  const rows = (keys: (step: number) => Record<string, number | string>, length: number) => Array.from({ length }, (_, step) => ({ step, values: keys(step) }));
  const post = async (run: string, body: unknown) => expect((await call("POST", `/api/v1/runs/${run}/metrics`, { key, body })).status).toBe(200);
  await post(a, { rows: rows((s) => ({ long: Math.sin(s / 40) * s, ...(s < 20 ? { odd: s === 4 ? "NaN" : s === 9 ? "-Infinity" : s } : {}) }), 3_000) });
  await post(b, { rows: rows((s) => ({ long: Math.cos(s / 30), odd: s === 2 ? "Infinity" : -s }), 250) });
  await post(c, { rows: rows((s) => ({ other: s }), 10) });
  return { a, b, c };
}

describe("GET /api/v1/runs/series", () => {
  it("answers each run's series exactly as its own GET /runs/:id/metrics, in one request", async () => {
    const { a, b, c } = await threeRuns();
    for (const query of ["&max_points=400", "&max_points=400&x=time", "&key=long"]) {
      const keys = query.includes("key=") ? "" : "&keys=odd,long";
      const both = await call("GET", `/api/v1/runs/series?runs=${b},${a},${c}${keys}${query}`);
      expect(both.status).toBe(200);
      runsSeriesSchema.parse(both.body);
      const alone = async (run: string) => (await call("GET", `/api/v1/runs/${run}/metrics?${keys.slice(1) || "keys=long"}${query}`)).body.series;
      expect(both.body.runs.map((r: { run_id: string }) => r.run_id)).toEqual([b, a, c]);
      expect(both.body.runs[0].series).toEqual(await alone(b));
      expect(both.body.runs[1].series).toEqual(await alone(a));
      // `c` logged neither key: no series, where its own read answers 404 for the unknown names.
      expect(both.body.runs[2].series).toEqual([]);
    }
    const values = (await call("GET", `/api/v1/runs/series?runs=${a}&keys=odd`)).body.runs[0].series[0].points.map((p: { value: unknown }) => p.value);
    expect(values.slice(3, 10)).toEqual([3, "NaN", 5, 6, 7, 8, "-Infinity"]);
  });

  it("refuses a bad list of runs or no keys, naming the field, and a run that does not exist", async () => {
    const { a } = await threeRuns();
    const refused = async (query: string) => {
      const response = await call("GET", `/api/v1/runs/series?${query}`);
      return [response.status, response.body.error.path];
    };
    expect(await refused(`keys=long`)).toEqual([422, ["runs"]]);
    expect(await refused(`runs=${a},nope&keys=long`)).toEqual([422, ["runs", 1]]);
    expect(await refused(`runs=${Array.from({ length: 101 }, () => a).join(",")}&keys=long`)).toEqual([422, ["runs"]]);
    expect(await refused(`runs=${a}`)).toEqual([422, ["keys"]]);
    expect(await refused(`runs=${a}&keys=long&max_points=1`)).toEqual([422, ["max_points"]]);
    expect(await refused(`runs=${a},00000000-0000-4000-8000-000000000000&keys=long`)).toEqual([404, []]);
  });
});
