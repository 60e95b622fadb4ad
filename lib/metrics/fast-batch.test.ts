import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fastMetricBatch, fastSequenceBatch } from "./fast-batch";
import { metricBatchSchema } from "./contract";
import { sequenceBatchSchema } from "../sequences/contract";

// Inputs reach the validators through JSON.parse, so generated values go through JSON too.
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const validName = fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }).filter((s) => !s.includes("\u0000"));
const odd = ["", "a\u0000b", "x".repeat(257), "x".repeat(256), "__proto__", "constructor", "a\ud800", "\udc00b", "\ud83d\ude00"];
const name = fc.oneof(validName, fc.string({ maxLength: 4, unit: "binary" }), fc.constantFrom(...odd));
const validValue = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("NaN", "Infinity", "-Infinity"));
const value = fc.oneof(validValue, fc.constantFrom("nan", "inf", null, true, "1", [], {}));
const validStep = fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER));
const step = fc.oneof(validStep, fc.constantFrom(-1, 1.5, "3", 2 ** 53, null, 1e300));
const time = fc.oneof(fc.nat(), fc.double({ noNaN: true }), fc.constantFrom(-1, "2024-01-01T00:00:00Z", "2024-01-01", "x", null));
const batchId = fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom("", "a\u0000", "x".repeat(201), 7, null));

/** A record with any subset of `fields`, plus sometimes a field no schema knows. */
function someOf(fields: Record<string, fc.Arbitrary<unknown>>, required: string[], extras = true) {
  const extra = extras ? fc.option(fc.constantFrom("value", "extra"), { freq: 8 }) : fc.constant(null);
  return fc.tuple(fc.record(fields, { requiredKeys: required }), extra).map(([r, key]) => (key ? { ...r, [key]: 1 } : r));
}

const metricRow = someOf({ step, values: fc.oneof(fc.dictionary(name, value, { maxKeys: 4 }), fc.constantFrom(null, [], 3)), time }, []);
const validMetricRow = someOf({ step: validStep, values: fc.dictionary(validName, validValue, { maxKeys: 4 }), time: fc.nat() }, ["step", "values"], false);
const batch = (row: fc.Arbitrary<unknown>) => someOf({ batch_id: batchId, rows: fc.oneof(fc.array(row, { maxLength: 5 }), fc.constant({})) }, ["rows"]);

describe("fastMetricBatch", () => {
  it("returns what zod returns whenever it returns anything", () => {
    fc.assert(
      fc.property(batch(fc.oneof(metricRow, validMetricRow)).map(viaJson), (input) => {
        const fast = fastMetricBatch(input);
        if (fast === null) return;
        const parsed = metricBatchSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        // Same keys and values; prototypes differ (zod's records for a name like "constructor"), which storage never sees.
        expect(fast).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the fast path for valid rows of the common shape", () => {
    fc.assert(
      fc.property(someOf({ batch_id: fc.string({ minLength: 1, maxLength: 10 }), rows: fc.array(validMetricRow, { maxLength: 5 }) }, ["rows"], false).map(viaJson), (input) => {
        expect(fastMetricBatch(input)).toEqual(metricBatchSchema.parse(input));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves invalid and rare shapes to zod", () => {
    const rows = (r: string) => JSON.parse(`{"rows":[{"step":1,"values":{"a":1}},${r}]}`);
    for (const bad of ['{"step":-1,"values":{}}', '{"step":1,"values":{"a":"nan"}}', '{"step":1,"values":{},"time":"2024-01-01T00:00:00Z"}', '{"step":1,"value":{}}']) {
      expect(fastMetricBatch(rows(bad))).toBeNull();
    }
  });

  it("keeps prototype-like metric names as metrics, on both paths", () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty"];
    for (const value of ["1", '"NaN"']) {
      const input = JSON.parse(`{"rows":[{"step":1,"values":{${names.map((n) => `"${n}":${value}`).join(",")}}}]}`);
      const expected = names.map((n) => [n, value === "1" ? 1 : NaN]);
      expect(Object.entries(fastMetricBatch(input)!.rows[0]!.values)).toEqual(expected);
      expect(Object.entries(metricBatchSchema.parse(input).rows[0]!.values)).toEqual(expected);
    }
  });

  it("converts the non-finite spellings without touching the parsed input", () => {
    const input = viaJson({ rows: [{ step: 0, values: { a: "NaN", b: "-Infinity", c: 1 } }] });
    expect(Object.entries(fastMetricBatch(input)!.rows[0]!.values)).toStrictEqual([
      ["a", NaN],
      ["b", -Infinity],
      ["c", 1],
    ]);
    expect((input as { rows: { values: unknown }[] }).rows[0]!.values).toStrictEqual({ a: "NaN", b: "-Infinity", c: 1 });
  });
});

const pairId = fc.oneof(validName, fc.integer(), fc.constantFrom("", "x".repeat(257), 1.5, null, "p\udbff"));
const split = fc.oneof(fc.constantFrom("train", "eval"), fc.constantFrom("", "x".repeat(65), null, 3, "\ud800"));
const length = fc.oneof(fc.nat(), fc.constantFrom(10_000_000, 10_000_001, -1, 2.5, null, "3"));
const logps = (v: fc.Arbitrary<unknown>) => ({ logp_chosen: v, logp_rejected: v, ref_logp_chosen: v, ref_logp_rejected: v });
const sequenceRow = someOf({ step, pair_id: pairId, split, ...logps(value), len_chosen: length, len_rejected: length, log_grad_chosen: value, log_grad_rejected: value }, [
  "step",
  "pair_id",
  "logp_chosen",
  "logp_rejected",
  "ref_logp_chosen",
  "ref_logp_rejected",
]);
const validSequenceRow = someOf(
  {
    step: validStep,
    pair_id: fc.oneof(validName, fc.integer()),
    split: fc.constantFrom("train", "eval"),
    ...logps(validValue),
    len_chosen: fc.option(fc.nat(10_000_000)),
    log_grad_rejected: fc.option(validValue),
  },
  ["step", "pair_id", "logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected"],
  false,
);

describe("fastSequenceBatch", () => {
  it("returns what zod returns whenever it returns anything", () => {
    fc.assert(
      fc.property(batch(fc.oneof(sequenceRow, validSequenceRow)).map(viaJson), (input) => {
        const fast = fastSequenceBatch(input);
        if (fast === null) return;
        const parsed = sequenceBatchSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        // Optional fields left out may come back as undefined: toEqual treats that as absent.
        expect(fast).toEqual(parsed.data);
      }),
      { numRuns: 3000 },
    );
  });

  it("takes the fast path for valid rows of the common shape", () => {
    fc.assert(
      fc.property(someOf({ rows: fc.array(validSequenceRow, { maxLength: 5 }) }, ["rows"], false).map(viaJson), (input) => {
        expect(fastSequenceBatch(input)).toEqual(sequenceBatchSchema.parse(input));
      }),
      { numRuns: 1000 },
    );
  });
});
