// Import files for the fuzz tests: plausible JSONL, CSV, trainer_state.json and TensorBoard event files built from
// hostile names and values, then damaged at the byte level.
import fc from "fast-check";
import { eventRecord, join, type GeneratedValue } from "../../lib/importers/test-support";
import { NASTY_STRINGS, NUMBER_LITERALS, Raw, nastyValue, toJsonText } from "./fuzz-values";

const encoder = new TextEncoder();

/** Metric names: ordinary, and the ones that break storage or parsing (NUL, lone surrogates, BOM, 300 chars). */
export const metricName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("loss", "eval_loss", "rewards/chosen", "logps/rejected", "learning_rate", "step", "_step", "time", "epoch") },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS, "\ufeffloss", "a,b", 'q"uote', "line\nbreak") },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) },
);

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const stepish = fc.oneof(fc.nat(1000), fc.constantFrom(-1, 0.5, 2 ** 53, 2 ** 64, 1e308, -0), fc.constantFrom("3", "x", null));
/** A value as a logger would write it in JSON: numbers, non-finite spellings, and whatever else. */
const jsonMetric = fc.oneof(
  { weight: 4, arbitrary: finite },
  { weight: 1, arbitrary: fc.constantFrom("NaN", "nan", "Infinity", "-inf", "1.5") },
  { weight: 1, arbitrary: fc.constantFrom(...NUMBER_LITERALS).map((t) => new Raw(t)) },
  { weight: 1, arbitrary: nastyValue },
);

const entry = fc.record(
  { step: stepish, values: fc.dictionary(metricName, jsonMetric, { maxKeys: 4 }), time: fc.oneof(finite, fc.constantFrom("2024-01-01T00:00:00Z", "x", 1.7e12)) },
  { requiredKeys: ["values"] },
);
const entryObject = (e: { step?: unknown; values: Record<string, unknown>; time?: unknown }) => ({
  ...("step" in e ? { step: e.step } : {}),
  ...e.values,
  ...("time" in e ? { time: e.time } : {}),
});

export const jsonlText = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: entry.map((e) => toJsonText(entryObject(e))) }, { weight: 1, arbitrary: nastyValue.map(toJsonText) }, { weight: 1, arbitrary: fc.string() }),
    { maxLength: 8 },
  )
  .chain((lines) => fc.constantFrom("\n", "\r\n").map((eol) => lines.join(eol)));

const csvCell = fc.oneof(finite.map(String), fc.constantFrom("", "nan", "inf", "-Infinity", "1e400", "0x1f", " 2 ", "1,5"), fc.string({ maxLength: 6 }));
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

export const csvText = fc
  .record({
    header: fc.tuple(fc.constantFrom("_step", "step", "Step", "global_step", "x"), fc.array(metricName, { minLength: 1, maxLength: 5 })).map(([step, names]) => [step, ...names]),
    rows: fc.array(fc.array(csvCell, { maxLength: 7 }), { maxLength: 8 }),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    unquoted: fc.boolean(),
  })
  .map(({ header, rows, eol, unquoted }) => [header, ...rows].map((cells) => cells.map((c) => (unquoted ? c : quote(c))).join(",")).join(eol));

export const trainerStateText = fc
  .record({
    history: fc.array(fc.oneof({ weight: 5, arbitrary: entry.map(entryObject) }, { weight: 1, arbitrary: nastyValue }), { maxLength: 8 }),
    extra: fc.dictionary(metricName, nastyValue, { maxKeys: 3 }),
    historyFirst: fc.boolean(),
    pythonish: fc.boolean(),
  })
  .map(({ history, extra, historyFirst, pythonish }) => {
    const state = historyFirst ? { log_history: history, ...extra } : { ...extra, global_step: 3, log_history: history };
    const text = toJsonText(state);
    return pythonish ? text.replaceAll('"NaN"', "NaN").replaceAll('"-inf"', "-Infinity") : text;
  });

const summaryValue: fc.Arbitrary<GeneratedValue> = fc.oneof(
  fc.record({ tag: metricName, simple: fc.float() }),
  fc.record({ tag: metricName, tensorFloat: fc.float(), plugin: fc.constantFrom("scalars", "text", "x") }),
  fc.record({ tag: metricName, text: fc.string({ maxLength: 8 }) }),
);

export const eventFileBytes = fc
  .array(
    fc.record({
      step: fc.oneof(fc.nat(1000), fc.constantFrom(2 ** 53, 2 ** 60)),
      wallTime: fc.oneof(finite, fc.constantFrom(NaN, Infinity, -1)),
      values: fc.array(summaryValue, { maxLength: 3 }),
    }),
    { maxLength: 6 },
  )
  .map((records) => join(...records.map((r) => eventRecord(r.step, r.wallTime, r.values))));

/** Byte damage: none, a cut, bytes inserted or overwritten, a flipped bit. */
export const damage = fc.oneof(
  { weight: 4, arbitrary: fc.constant((bytes: Uint8Array) => bytes) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (bytes: Uint8Array) => bytes.subarray(0, Math.floor(f * bytes.length))) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean())
      .map(([f, inserted, overwrite]) => (bytes: Uint8Array) => {
        const at = Math.floor(f * bytes.length);
        return join(bytes.subarray(0, at), inserted, bytes.subarray(overwrite ? Math.min(bytes.length, at + inserted.length) : at));
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })).map(([i, bit]) => (bytes: Uint8Array) => {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      out[i % out.length]! ^= 1 << bit;
      return out;
    }),
  },
);

/**
 * One row every importer takes, put first in most generated files: an import that yields no rows is refused, so
 * without it most hostile files would be refused and the accepting path would go untested.
 */
const GOOD_FIRST: Record<"jsonl" | "csv" | "trainer_state" | "tensorboard", (bytes: Uint8Array) => Uint8Array> = {
  jsonl: (bytes) => join(encoder.encode('{"step": 0, "loss": 0.5}\n'), bytes),
  csv: (bytes) => join(encoder.encode("step,loss\n0,0.5\n\n"), bytes),
  trainer_state: (bytes) => {
    const text = new TextDecoder().decode(bytes);
    const at = text.indexOf('"log_history":[');
    const entry = '{"step": 0, "loss": 0.5}';
    if (at < 0) return bytes;
    const open = at + '"log_history":['.length;
    return encoder.encode(`${text.slice(0, open)}${entry}${text[open] === "]" ? "" : ", "}${text.slice(open)}`);
  },
  tensorboard: (bytes) => join(eventRecord(0, 1.7e9, [{ tag: "loss", simple: 0.5 }]), bytes),
};

/** A file of the given format (mostly with one good row first), possibly damaged. */
export function importFileBytes(format: "jsonl" | "csv" | "trainer_state" | "tensorboard"): fc.Arbitrary<Uint8Array> {
  const plain = format === "tensorboard" ? eventFileBytes : { jsonl: jsonlText, csv: csvText, trainer_state: trainerStateText }[format].map((t) => encoder.encode(t));
  const goodFirst = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  return fc.tuple(plain, goodFirst, damage).map(([bytes, good, hurt]) => hurt(good ? GOOD_FIRST[format](bytes) : bytes));
}
