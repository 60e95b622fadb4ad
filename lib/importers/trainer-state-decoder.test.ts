import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectRun, decodeChunks } from "./collect-run";
import { canonicalMetricName } from "./metric-names";
import { parseTensorboard } from "./tensorboard-decoder";
import { chunksOf, eventFilePath, readFixture, utf8 } from "./test-support";
import { parseTrainerState, TrainerStateDecoder } from "./trainer-state-decoder";

const fixture = readFixture("transformers-trainer/trainer_state.json");
const run = parseTrainerState(fixture);

/** A trainer_state.json as Trainer.save_state() writes it (indent=2, sorted keys), around the given log rows. */
function trainerState(logHistory: string[], extra = ""): Uint8Array {
  const rows = logHistory.join(",\n    ");
  return utf8(`{\n  "global_step": 40,\n  "log_history": [\n    ${rows}\n  ],\n  "max_steps": 40${extra}\n}\n`);
}

describe("trainer_state.json fixture", () => {
  it("has one row per logging step and no problems", () => {
    expect(run.problems).toEqual([]);
    expect(run.rows.map((r) => r.step)).toEqual(Array.from({ length: 40 }, (_, i) => 5 * (i + 1)));
    expect(run.rows[0]?.values).toEqual({
      epoch: 0.05263157894736842,
      grad_norm: 0.5277442932128906,
      learning_rate: 0.0001,
      "logps/chosen": -1.6602528095245361,
      "logps/rejected": -2.777253532409668,
      loss: 0.6734118461608887,
      "rewards/accuracies": 0.575,
      "rewards/chosen": -0.00019150062464170503,
      "rewards/margins": 0.04334850203245892,
      "rewards/rejected": -0.04354000493884058,
    });
  });

  it("puts the closing totals row in summary, not in the rows", () => {
    expect(run.summary).toEqual({
      epoch: 2.1052631578947367,
      step: 200,
      total_flos: 0,
      train_loss: 0.5095919078588486,
      train_runtime: 3.477,
      train_samples_per_second: 1840.69,
      train_steps_per_second: 57.522,
    });
    expect(run.rows.at(-1)?.values).not.toHaveProperty("train_loss");
  });

  it("puts the other top-level fields in config", () => {
    expect(run.config).toMatchObject({
      global_step: 200,
      max_steps: 200,
      num_train_epochs: 3,
      train_batch_size: 32,
      logging_steps: 5,
    });
    expect(run.config).not.toHaveProperty("log_history");
  });

  it("agrees with the same run's TensorBoard file: every value is the float32 of the JSON one", () => {
    const events = parseTensorboard(readFixture(eventFilePath("transformers-trainer")));
    expect(events.rows.map((r) => r.step)).toEqual(run.rows.map((r) => r.step));
    for (const [i, row] of run.rows.entries()) {
      const tb = events.rows[i]!;
      const tbValues = Object.fromEntries(
        Object.entries(tb.values)
          .filter(([name]) => !/^train\/(train_|total_flos)/.test(name))
          .map(([name, v]) => [canonicalMetricName(name), v]),
      );
      const expected = Object.fromEntries(Object.entries(row.values).map(([name, v]) => [name, Math.fround(v)]));
      expect(tbValues).toEqual(expected);
      expect(tb.time).toBeGreaterThan(1.7e9);
    }
    const last = events.rows.at(-1)!.values;
    const totals = ["train_loss", "train_runtime", "train_samples_per_second", "train_steps_per_second", "total_flos"];
    for (const key of totals) {
      expect(last[`train/${key}`]).toBe(Math.fround(run.summary[key] as number));
    }
  });

  it("gives the same run fed 7 bytes at a time", async () => {
    const batches = decodeChunks(new TrainerStateDecoder(), chunksOf(fixture, 7));
    expect(await collectRun(run.name, "trainer_state", batches)).toEqual(run);
  });
});

describe("trainer_state.json edge cases", () => {
  it("merges train and eval rows of one step, eval keys keeping their prefix", () => {
    const result = parseTrainerState(
      trainerState([
        '{"loss": 0.69, "rewards/chosen": 0.1, "step": 20}',
        '{"eval_loss": 0.7, "eval_rewards/chosen": 0.05, "eval_runtime": 1.5, "step": 20}',
        '{"loss": 0.6, "step": 40}',
        '{"train_loss": 0.65, "train_runtime": 9.1, "step": 40}',
      ]),
    );
    expect(result.rows).toEqual([
      {
        step: 20,
        values: { loss: 0.69, "rewards/chosen": 0.1, eval_loss: 0.7, "eval_rewards/chosen": 0.05, eval_runtime: 1.5 },
      },
      { step: 40, values: { loss: 0.6 } },
    ]);
    expect(result.summary).toEqual({ train_loss: 0.65, train_runtime: 9.1, step: 40 });
    expect(result.config).toEqual({ global_step: 40, max_steps: 40 });
  });

  it("reads Python's bare NaN, Infinity and -Infinity, and leaves strings that look like them alone", () => {
    const result = parseTrainerState(trainerState(['{"loss": NaN, "grad_norm": Infinity, "logps/chosen": -Infinity, "step": 5}'], ',\n  "trial_name": "NaN run"'));
    expect(result.rows[0]?.values).toEqual({ loss: NaN, grad_norm: Infinity, "logps/chosen": -Infinity });
    expect(result.config.trial_name).toBe("NaN run");
  });

  it("reports bad entries and keeps going", () => {
    const result = parseTrainerState(trainerState(['{"loss": 1, "step": 5}', "[1, 2]", '{"loss": 2}', '{"loss": 3, "note": "x", "step": 10}']));
    expect(result.rows.map((r) => r.step)).toEqual([5, 10]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "log_history[1] is not an object; skipped",
      'log_history[2] has no integer "step"; skipped',
      'log_history[3].note is not a number; "note" skipped',
    ]);
  });

  it("keeps the rows before a truncation and reports it", () => {
    const whole = trainerState(['{"loss": 1, "step": 5}', '{"loss": 2, "step": 10}']);
    const text = new TextDecoder().decode(whole);
    const result = parseTrainerState(whole.subarray(0, text.indexOf('"loss": 2') + 4));
    expect(result.rows).toEqual([{ step: 5, values: { loss: 1 } }]);
    expect(result.problems).toEqual([{ offset: expect.any(Number), message: 'input ends inside "log_history" item 1 (truncated?)' }]);
  });

  it("reports input that is not a JSON object", () => {
    expect(parseTrainerState(utf8("[1, 2]")).problems).toEqual([{ offset: 0, message: "expected a JSON object" }]);
  });

  it("parses the same whatever the chunking, multi-byte characters included", () => {
    const bytes = trainerState(['{"loss": 1, "step": 5}', '{"eval_loss": 2, "step": 5}'], ',\n  "trial_name": "β-ümlaut \\"quoted\\" }]"');
    const whole = parseTrainerState(bytes);
    expect(whole.config.trial_name).toBe('β-ümlaut "quoted" }]');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (size) => {
        const decoder = new TrainerStateDecoder();
        const batches = [...chunksOf(bytes, size).map((c) => decoder.push(c)), decoder.end()];
        expect(batches.flatMap((b) => b.rows)).toEqual(whole.rows);
        expect(Object.assign({}, ...batches.map((b) => b.config))).toEqual(whole.config);
      }),
    );
  });
});
