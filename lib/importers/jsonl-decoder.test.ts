import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonlDecoder, parseJsonl } from "./jsonl-decoder";
import { chunksOf, utf8 } from "./test-support";

const jsonl = (...lines: string[]) => utf8(lines.join("\n"));

describe("JSONL importer", () => {
  it("reads steps, values and times, merging lines of one step", () => {
    const run = parseJsonl(jsonl('{"step": 1, "loss": 0.7, "time": 1700000000.5}', '{"step": 1, "eval_loss": 0.8, "time": 1700000001}', '{"step": 2, "loss": 0.6}'));
    expect(run.problems).toEqual([]);
    expect(run.rows).toEqual([
      { step: 1, values: { loss: 0.7, eval_loss: 0.8 }, time: 1700000001 },
      { step: 2, values: { loss: 0.6 } },
    ]);
  });

  it("takes _step and _timestamp (W&B history) and global_step, preferring step", () => {
    const run = parseJsonl(jsonl('{"_step": 3, "_timestamp": 1700000000, "_runtime": 12.5, "loss": 1}', '{"global_step": 4, "loss": 2}', '{"step": 5, "_step": 99, "loss": 3}'));
    expect(run.rows).toEqual([
      { step: 3, values: { _runtime: 12.5, loss: 1 }, time: 1700000000 },
      { step: 4, values: { loss: 2 } },
      { step: 5, values: { _step: 99, loss: 3 } },
    ]);
  });

  it("reads millisecond and ISO times as Unix seconds", () => {
    const run = parseJsonl(jsonl('{"step": 1, "x": 1, "time": 1700000000123}', '{"step": 2, "x": 1, "time": "2023-11-14T22:13:20Z"}'));
    expect(run.rows.map((r) => r.time)).toEqual([1700000000.123, 1700000000]);
  });

  it("reads non-finite values as strings or bare tokens, and flattens nested objects with /", () => {
    const run = parseJsonl(
      jsonl(
        '{"step": 1, "a": "NaN", "b": "Infinity", "c": "-Infinity", "d": NaN, "e": -Infinity}',
        '{"step": 2, "train": {"loss": 0.5, "rewards": {"chosen": -1}}, "media": {"_type": "image-file"}}',
      ),
    );
    expect(run.rows[0]?.values).toEqual({ a: NaN, b: Infinity, c: -Infinity, d: NaN, e: -Infinity });
    expect(run.rows[1]?.values).toEqual({ "train/loss": 0.5, "train/rewards/chosen": -1 });
  });

  it("reports bad lines by line number and imports the rest", () => {
    const run = parseJsonl(
      jsonl(
        '{"step": 1, "loss": 1}',
        "",
        "{not json",
        "[1, 2]",
        '{"loss": 2}',
        '{"step": -1, "loss": 2}',
        '{"step": 1.5, "loss": 2}',
        '{"step": 2, "loss": 3, "phase": "train"}',
        '{"step": 3, "loss": 4, "phase": "eval"}',
        '{"step": 4, "loss": 5}',
      ),
    );
    expect(run.rows.map((r) => [r.step, r.values.loss])).toEqual([
      [1, 1],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(run.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(run.problems[0]?.message).toMatch(/^not valid JSON/);
    expect(run.problems[5]?.message).toBe('"phase" is not a number; "phase" skipped');
  });

  it("keeps a metric named __proto__ as a value, not as the row's prototype", () => {
    const run = parseJsonl(jsonl('{"step": 1, "__proto__": 5, "x": {"__proto__": 6}}', '{"step": 1, "__proto__": 7}'));
    expect(Object.entries(run.rows[0]!.values)).toEqual([
      ["__proto__", 7],
      ["x/__proto__", 6],
    ]);
    expect(Object.getPrototypeOf(run.rows[0]!.values)).toBe(Object.prototype);
  });

  it("handles CRLF, a BOM and a last line without a newline", () => {
    const run = parseJsonl(utf8('\uFEFF{"step": 1, "x": 1}\r\n{"step": 2, "x": 2}'));
    expect(run.problems).toEqual([]);
    expect(run.rows.map((r) => r.step)).toEqual([1, 2]);
  });

  it("parses the same whatever the chunking, multi-byte characters included", () => {
    const bytes = jsonl('{"step": 1, "Δloss": 1, "x": "ü"}', "{bad", '{"step": 2, "Δloss": 2}');
    const whole = parseJsonl(bytes);
    expect(whole.rows.map((r) => r.values["Δloss"])).toEqual([1, 2]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (size) => {
        const decoder = new JsonlDecoder();
        const batches = [...chunksOf(bytes, size).map((c) => decoder.push(c)), decoder.end()];
        expect(batches.flatMap((b) => b.rows)).toEqual(whole.rows);
        expect(batches.flatMap((b) => b.problems)).toEqual(whole.problems);
      }),
    );
  });
});

describe("LLaMA-Factory's trainer_log.jsonl", () => {
  it("places each line at its current_steps", () => {
    const text = [
      '{"current_steps": 10, "total_steps": 100, "loss": 1.25, "lr": 5e-07, "epoch": 0.1, "percentage": 10.0, "elapsed_time": "0:00:31", "remaining_time": "0:04:39"}',
      '{"current_steps": 20, "total_steps": 100, "loss": 0.75, "lr": 5e-07, "epoch": 0.2, "percentage": 20.0, "elapsed_time": "0:01:02", "remaining_time": "0:04:08"}',
    ].join("\n");
    const run = parseJsonl(utf8(text));
    expect(run.rows.map((r) => [r.step, r.values.loss, r.values.lr])).toEqual([
      [10, 1.25, 5e-7],
      [20, 0.75, 5e-7],
    ]);
  });
});
