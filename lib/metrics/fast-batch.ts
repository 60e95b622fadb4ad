import { NON_FINITE } from "../core/validation/numbers";
import { isStorableText } from "../core/validation/text";
import type { MetricBatch, MetricRow } from "./contract";
import type { SequenceBatch, SequenceRowInput } from "../sequences/contract";

/*
 * Ingest's hot path: the common shapes of `metricBatchSchema` and `sequenceBatchSchema`, checked by hand. zod
 * walks a 10k-value batch in ~7–9 ms, these loops in ~1 ms. Each returns what zod would return, or null
 * for anything else — an invalid row, or a valid but rare shape (an ISO-8601 time) — and the caller then asks zod,
 * which writes the error message. `fast-batch.test.ts` checks the agreement on generated rows. A rule added to
 * the zod schemas must be added here too (or make these return null for it).
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `text().min(min).max(max)`. */
const isText = (value: unknown, min: number, max: number): value is string => typeof value === "string" && value.length >= min && value.length <= max && isStorableText(value);

const isStep = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** `wireNumberSchema`'s output, or undefined when the value is not one. */
function metricValue(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (value === "NaN" || value === "Infinity" || value === "-Infinity") return NON_FINITE[value];
  return undefined;
}

/** `batch_id` and `rows` only, `batch_id` a valid id when present. */
function batchRows(input: unknown): unknown[] | null {
  if (!isPlainObject(input)) return null;
  let fields = 0;
  for (const key in input) {
    if (key !== "rows" && key !== "batch_id") return null;
    fields++;
  }
  const rows = input.rows;
  if (!Array.isArray(rows)) return null;
  if ("batch_id" in input && !isText(input.batch_id, 1, 200)) return null;
  return fields === ("batch_id" in input ? 2 : 1) ? rows : null;
}

/** One metric row as `metricRowSchema` returns it (the parsed object itself when nothing changes), or null. */
function metricRow(row: unknown, names: Set<string>): MetricRow | null {
  if (!isPlainObject(row)) return null;
  for (const key in row) if (key !== "step" && key !== "values" && key !== "time") return null;
  const { step, values, time } = row;
  if (!isStep(step) || !isPlainObject(values)) return null;
  if (time !== undefined && !(typeof time === "number" && Number.isFinite(time) && time >= 0)) return null;
  if ("time" in row && time === undefined) return null;
  let converted: Record<string, number> | null = null;
  for (const name in values) {
    if (!names.has(name)) {
      if (!isText(name, 1, 256)) return null;
      names.add(name);
    }
    const raw = values[name];
    const value = metricValue(raw);
    if (value === undefined) return null;
    // Without a prototype, so that a metric named "__proto__" is a key like any other.
    if (typeof raw === "string") converted ??= Object.assign(Object.create(null) as Record<string, number>, values);
    if (converted) converted[name] = value;
  }
  if (!converted) return row as MetricRow;
  return time === undefined ? { step, values: converted } : { step, values: converted, time };
}

/** `metricBatchSchema.parse(input)` for the common shapes; null otherwise (then use zod). */
export function fastMetricBatch(input: unknown): MetricBatch | null {
  const raw = batchRows(input);
  if (!raw) return null;
  const rows: MetricRow[] = new Array(raw.length);
  // A batch repeats a handful of names: each is checked once.
  const names = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const row = metricRow(raw[i], names);
    if (!row) return null;
    rows[i] = row;
  }
  const batchId = (input as { batch_id?: string }).batch_id;
  return batchId === undefined ? { rows } : { batch_id: batchId, rows };
}

const REQUIRED_LOGPS = ["logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected"] as const;
const OPTIONAL_LOGPS = ["log_grad_chosen", "log_grad_rejected"] as const;
const LENGTHS = ["len_chosen", "len_rejected"] as const;
const SEQUENCE_FIELDS = new Set<string>(["step", "pair_id", "split", ...REQUIRED_LOGPS, ...OPTIONAL_LOGPS, ...LENGTHS]);

const isLength = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 10_000_000;

/**
 * One sequence row as `sequenceRowSchema` returns it (the parsed object itself when nothing changes; a new one
 * may carry optional fields the row left out as undefined, which every reader treats as absent), or null.
 */
function sequenceRow(row: unknown): SequenceRowInput | null {
  if (!isPlainObject(row)) return null;
  for (const key in row) if (!SEQUENCE_FIELDS.has(key)) return null;
  const { step, pair_id: pairId, split } = row;
  if (!isStep(step)) return null;
  if (typeof pairId === "number" ? !Number.isSafeInteger(pairId) : !isText(pairId, 1, 256)) return null;
  if (split === undefined ? "split" in row : !isText(split, 1, 64)) return null;
  let spelled = false;
  for (const key of REQUIRED_LOGPS) {
    const value = row[key];
    if (typeof value === "number" ? !Number.isFinite(value) : metricValue(value) === undefined) return null;
    spelled ||= typeof value === "string";
  }
  for (const key of OPTIONAL_LOGPS) {
    const value = row[key];
    if (value === null || value === undefined) {
      if (value === undefined && key in row) return null;
    } else if (typeof value === "number" ? !Number.isFinite(value) : metricValue(value) === undefined) return null;
    spelled ||= typeof value === "string";
  }
  for (const key of LENGTHS) {
    const value = row[key];
    if (value === undefined ? key in row : value !== null && !isLength(value)) return null;
  }
  if (!spelled && typeof pairId === "string" && split !== undefined) return row as SequenceRowInput;
  // One fixed shape for every row that needs converting; optional fields left out come back undefined.
  const value = (key: (typeof REQUIRED_LOGPS)[number]) => metricValue(row[key])!;
  const optional = (key: (typeof OPTIONAL_LOGPS)[number]) => (row[key] === null || row[key] === undefined ? (row[key] as null | undefined) : metricValue(row[key]));
  return {
    step,
    pair_id: String(pairId),
    split: (split as string | undefined) ?? "train",
    logp_chosen: value("logp_chosen"),
    logp_rejected: value("logp_rejected"),
    ref_logp_chosen: value("ref_logp_chosen"),
    ref_logp_rejected: value("ref_logp_rejected"),
    len_chosen: row.len_chosen as number | null | undefined,
    len_rejected: row.len_rejected as number | null | undefined,
    log_grad_chosen: optional("log_grad_chosen"),
    log_grad_rejected: optional("log_grad_rejected"),
  };
}

/** `sequenceBatchSchema.parse(input)` for the common shapes; null otherwise (then use zod). */
export function fastSequenceBatch(input: unknown): SequenceBatch | null {
  const raw = batchRows(input);
  if (!raw) return null;
  const rows: SequenceRowInput[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const row = sequenceRow(raw[i]);
    if (!row) return null;
    rows[i] = row;
  }
  const batchId = (input as { batch_id?: string }).batch_id;
  return batchId === undefined ? { rows } : { batch_id: batchId, rows };
}
