// Fuzzing ingest with the shapes that found issue 11's bugs: metric-name cardinality near the caps, prototype-like
// names, JSON nested past the depth limit. Refused requests write nothing; accepted names read back as sent.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, newRun } from "./api-client";
import { describeOutcome, expectShares, fuzzEndpoint, keyHeaders } from "./fuzz-runner";
import { expectNoneOf, expectWellFormed, fuzzParameters, fuzzRuns, newFuzzProject, send } from "./fuzz-support";

const RUNS = fuzzRuns(1000);
const TIMEOUT = 60_000 + RUNS * 120;

/** Metric names that are also Object.prototype's keys, or that a reader or a spreadsheet could take for something else. */
const PROTO_LIKE = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "\ufeffloss", "=1+1", "-x", "@x"];

describe("fuzzing the ingest API at its edges", () => {
  let project: string;
  let key: string;
  let readKey: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-edges"));
    readKey = (await newFuzzProject("", "read", project)).key;
  });

  // Issue 11's shapes: a batch naming about as many metrics as the caps allow (1,000 a batch, 10,000 a run) or a few
  // more, spread over rows or in one row; prototype-like names and a leading U+FEFF used as they are. Refused batches
  // write nothing; accepted prototype-like names read back under their own names.
  it("POST /api/v1/runs/:id/metrics (name cardinality, prototype-like names)", { timeout: TIMEOUT }, async () => {
    const cases = Math.max(40, Math.round(RUNS / 10));
    const perRun = 8;
    const runIds: string[] = [];
    for (let i = 0; i < Math.ceil(cases / perRun); i++) runIds.push(await newRun(project, key, { name: `wide-${i}` }));
    const wide = fc.record({
      width: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 990, max: 1010 })),
      spread: fc.boolean(),
      proto: fc.subarray(PROTO_LIKE, { maxLength: 4 }),
    });
    const outcome = await fuzzEndpoint(
      {
        name: "POST metrics (wide)",
        method: "POST",
        path: (id) => `/api/v1/runs/${runIds[Math.floor(id / perRun) % runIds.length]}/metrics`,
        valid: wide,
        render: (v, id) => {
          const names = Array.from({ length: v.width }, (_, i) => `c${id}.n${i}`);
          const values = (keys: string[]) => Object.fromEntries(keys.map((k, i) => [k, i]));
          const rows = v.spread ? names.map((n, i) => ({ step: i, values: values([n]) })) : [{ step: 0, values: values(names) }];
          // Prototype-like names go in with Object.defineProperty: an assignment would set the prototype instead.
          for (const p of v.proto) Object.defineProperty(rows[0]!.values, p, { value: 1, enumerable: true });
          return { batch_id: `c${id}`, rows };
        },
        headers: keyHeaders(key, readKey),
      },
      cases,
    );
    console.log(describeOutcome("POST metrics (wide)", outcome));
    expectShares("POST metrics (wide)", outcome);
    // Per case, not by listing every name: a run here holds thousands of series.
    const runOf = (id: number) => runIds[Math.floor(id / perRun) % runIds.length]!;
    const stored = new Set<number>();
    for (let id = 0; id < cases; id++) {
      const response = await call("GET", `/api/v1/runs/${runOf(id)}/metrics?limit=1&max_points=2&match=${encodeURIComponent(`c${id}.n`)}`, { key });
      expect(response.status).toBe(200);
      if (response.body.total_keys > 0) stored.add(id);
    }
    expectNoneOf(outcome.rejected, stored, "wide metrics");
  });

  // Unmutated, so every name sent must come back: prototype-like names and a leading U+FEFF, on the fast path and
  // the zod path (an ISO time), JSON or NDJSON, in the series list, by name, and in the runs list's summaries.
  it("POST metrics: prototype-like names read back under their own names", { timeout: TIMEOUT }, async () => {
    const runId = await newRun(project, key, { name: "proto-like" });
    const shape = fc.record({ names: fc.subarray(PROTO_LIKE, { minLength: 1 }), iso: fc.boolean(), ndjson: fc.boolean(), step: fc.nat(1000) });
    await fc.assert(
      fc.asyncProperty(shape, async ({ names, iso, ndjson, step }) => {
        const row = `{"step":${step},${iso ? '"time":"2024-01-01T00:00:00Z",' : ""}"values":{${names.map((n, i) => `${JSON.stringify(n)}:${i}`).join(",")}}}`;
        const response = ndjson
          ? await call("POST", `/api/v1/runs/${runId}/metrics`, { key, raw: row, contentType: "application/x-ndjson" })
          : await call("POST", `/api/v1/runs/${runId}/metrics`, { key, raw: `{"rows":[${row}]}` });
        expect(response.status).toBe(200);
        for (const [i, name] of names.entries()) {
          const read = await call("GET", `/api/v1/runs/${runId}/metrics?max_points=100000&key=${encodeURIComponent(name)}`, { key });
          expect([read.status, read.body.series?.[0]?.key], JSON.stringify(name)).toEqual([200, name]);
          expect(read.body.series[0].points.find((p: { step: number }) => p.step === step)?.value).toBe(i);
        }
      }),
      fuzzParameters(Math.max(20, Math.round(RUNS / 20))),
    );
    const listed = await call("GET", `/api/v1/runs/${runId}/metrics?limit=500&max_points=2`, { key });
    expect(listed.body.series.map((s: { key: string }) => s.key).sort()).toEqual([...PROTO_LIKE].sort());
    const runs = await call("GET", `/api/v1/runs?project=${project}&summary_keys=${PROTO_LIKE.map(encodeURIComponent).join(",")}`, { key });
    expect(Object.keys(runs.body.runs.find((r: { id: string }) => r.id === runId).metrics).sort()).toEqual([...PROTO_LIKE].sort());
  });

  it("refuses JSON nested past 64 levels in config, summary and thresholds with 422 naming the field", { timeout: TIMEOUT }, async () => {
    const runId = await newRun(project, key);
    // As text: JSON.stringify itself runs out of stack a few thousand levels down.
    const nest = (depth: number, arrays: boolean[]): string => {
      const opens = Array.from({ length: depth }, (_, i) => (arrays[i % arrays.length] ? "[" : '{"k":'));
      return `${opens.join("")}1${opens
        .map((o) => (o === "[" ? "]" : "}"))
        .reverse()
        .join("")}`;
    };
    const shape = fc.record({
      depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1000, max: 5000 })),
      arrays: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      field: fc.constantFrom("config", "summary", "thresholds"),
    });
    let id = 0;
    await fc.assert(
      fc.asyncProperty(shape, async ({ depth, arrays, field }) => {
        // The field's own object is the first level: a depth-d value inside it nests d + 1 deep.
        const body = new TextEncoder().encode(`{"${field}":{"c${id++}":${nest(depth, arrays)}}}`);
        const response =
          field === "thresholds"
            ? await send("PATCH", `/api/v1/projects/${project}`, body, { "sec-fetch-site": "same-origin", "content-type": "application/json" })
            : await send("PATCH", `/api/v1/runs/${runId}`, body, { authorization: `Bearer ${key}`, "content-type": "application/json" });
        expectWellFormed(response, `${field} nested ${depth}`);
        if (depth + 1 > 64) {
          expect(response.status, `${field} nested ${depth + 1}`).toBe(422);
          expect(JSON.parse(response.text).error.path[0]).toBe(field);
        } else if (field !== "thresholds") expect(response.status, `${field} nested ${depth + 1}`).toBe(200);
      }),
      fuzzParameters(Math.max(30, Math.round(RUNS / 10))),
    );
  });
});
