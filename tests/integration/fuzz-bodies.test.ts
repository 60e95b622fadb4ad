// Property-based fuzzing of batch bodies around the size limits: 10 MiB (what Next.js hands a route behind its
// proxy) and PREFSCOPE_MAX_BODY_BYTES (32 MiB), JSON or NDJSON, sized or chunked, with the rows before, between
// or after whitespace. Each answer is a 2xx with every row stored exactly, or a 4xx with nothing written; a body
// within the limit is taken, one past it is 413. Cases: PREFSCOPE_FUZZ_RUNS / 100 (at least 8).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl } from "./api-client";
import { httpOnce } from "../support/http-once";
import { expectWellFormed, fuzzParameters, fuzzRuns, newFuzzProject } from "./fuzz-support";

const MiB = 1024 * 1024;
const MAX_BODY = 32 * MiB;
const RUNS = Math.max(8, Math.ceil(fuzzRuns(800) / 100));

const around = (limit: number) => fc.oneof(fc.integer({ min: -4096, max: 4096 }), fc.integer({ min: -MiB, max: MiB })).map((d) => limit + d);
const shape = fc.record({
  size: fc.oneof(around(10 * MiB), around(MAX_BODY), fc.constantFrom(10 * MiB, 10 * MiB + 1, MAX_BODY, MAX_BODY + 1)),
  ndjson: fc.boolean(),
  chunked: fc.boolean(),
  rows: fc.integer({ min: 1, max: 400 }),
  // Where the whitespace goes, as a share of the rows before it.
  split: fc.double({ min: 0, max: 1, noNaN: true }),
  values: fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("NaN", "Infinity", "-Infinity")), { minLength: 1, maxLength: 16 }),
});

type Row = { step: number; values: Record<string, number | string> };
type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

function render(s: Shape, id: number): { body: Uint8Array; rows: Row[] } {
  const rows = Array.from({ length: s.rows }, (_, step) => ({ step, values: { [`c${id}.v`]: s.values[step % s.values.length]! } }));
  const at = Math.floor(rows.length * s.split);
  const [before, after] = [rows.slice(0, at), rows.slice(at)];
  const parts = s.ndjson
    ? [before.map((r) => `${JSON.stringify(r)}\n`).join(""), after.map((r) => JSON.stringify(r)).join("\n")]
    : [`{"rows":[${before.map((r) => JSON.stringify(r)).join(",")}${before.length && after.length ? "," : ""}`, `${after.map((r) => JSON.stringify(r)).join(",")}]}`];
  const missing = Math.max(0, s.size - Buffer.byteLength(parts[0]!) - Buffer.byteLength(parts[1]!));
  const body = Buffer.allocUnsafe(Buffer.byteLength(parts[0]!) + missing + Buffer.byteLength(parts[1]!));
  const offset = body.write(parts[0]!);
  body.fill(s.ndjson ? "\n" : " ", offset, offset + missing);
  body.write(parts[1]!, offset + missing);
  return { body, rows };
}

describe("fuzzing batch bodies around the size limits", () => {
  let project: string;
  let key: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-bodies"));
  });

  it("stores a batch whole or not at all", { timeout: 60_000 + RUNS * 15_000 }, async () => {
    const statuses = new Map<number, number>();
    let id = 0;
    await fc.assert(
      fc.asyncProperty(shape, async (s) => {
        id += 1;
        const created = await httpOnce(`${baseUrl()}/api/v1/runs`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ project, name: `c${id}` }),
        });
        const runId = created.json().id as string;
        const { body, rows } = render(s, id);
        const what = `case ${id}: ${body.length} bytes, ${s.rows} rows, ${s.ndjson ? "NDJSON" : "JSON"}${s.chunked ? ", chunked" : ""}`;
        const headers = { authorization: `Bearer ${key}`, "content-type": s.ndjson ? "application/x-ndjson" : "application/json" };
        const answer = await httpOnce(`${baseUrl()}/api/v1/runs/${runId}/metrics`, { method: "POST", headers, body, chunked: s.chunked });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const accepted = expectWellFormed(answer, what);
        const stored = await httpOnce(`${baseUrl()}/api/v1/runs/${runId}/metrics?max_points=100000`);
        const points = (stored.json().series as { points: { step: number; value: unknown }[] }[]).flatMap((series) => series.points.map((p) => [p.step, p.value]));
        if (body.length > MAX_BODY) expect([answer.status, points], what).toEqual([413, []]);
        else expect(accepted, `${what}: ${answer.text.slice(0, 300)}`).toBe(true);
        if (accepted) {
          expect(JSON.parse(answer.text), what).toEqual({ accepted: rows.length });
          // As JSON carries them (-0 is 0).
          expect(points, what).toEqual(JSON.parse(JSON.stringify(rows.map((r) => [r.step, r.values[`c${id}.v`]]))));
        } else expect(points, what).toEqual([]);
      }),
      {
        ...fuzzParameters(RUNS),
        // Both sides of both limits, whatever the seed draws.
        examples: [
          [{ size: MAX_BODY + 1, ndjson: true, chunked: true, rows: 50, split: 0.5, values: [1] }],
          [{ size: 10 * MiB + 1, ndjson: false, chunked: false, rows: 50, split: 0, values: ["NaN", 0.5] }],
        ],
      },
    );
    console.log(`oversize bodies: ${RUNS} cases (${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")})`);
  });
});
