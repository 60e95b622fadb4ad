import { describe, expect, it } from "vitest";
import { openImports } from "./import-file";
import { chunksOf, readFixture, toArray, utf8 } from "./test-support";
import { parseRunsTable } from "./wandb-runs-table";

const FIXTURE = readFixture("wandb/runs-table.csv");

describe("parseRunsTable (W&B's API recipe: `,summary,config,name`, dicts as Python reprs)", () => {
  it("reads each row as a run with its config and summary exactly; a row that does not parse is a problem on its line", () => {
    const { runs, problems } = parseRunsTable(FIXTURE, "runs-table");
    expect(runs.map((r) => [r.name, r.line])).toEqual([
      ["dpo-beta0.1", 2],
      ["ipo, beta=0.05", 3],
      ["runs-table row 3", 4],
    ]);
    expect(runs[0]!.config).toEqual({
      beta: 0.1,
      loss_type: "sigmoid",
      learning_rate: 1e-5,
      max_steps: 200,
      bf16: true,
      ref_model: null,
      lora_target_modules: ["q_proj", "v_proj"],
      betas: [0.9, 0.999],
      model: { name: "Qwen/Qwen2-0.5B", layers: 24 },
    });
    expect(runs[0]!.summary).toEqual({
      _step: 199,
      _runtime: 812.5,
      _timestamp: 1733300000.25,
      "train/loss": 0.4312,
      "train/rewards/accuracies": 0.8125,
      "eval/loss": NaN,
      "train/grad_norm": Infinity,
      "train/logps/rejected": -Infinity,
      _wandb: { runtime: 812 },
      "eval/samples": { _type: "table-file", path: "media/table/eval_1.json", nrows: 8 },
    });
    expect(runs[1]!.summary.note).toBe('it\'s "quoted"\tand tabbed, β=0.05 — 日本語');
    expect(runs[1]!.config).toEqual({ beta: 0.05, loss_type: "ipo", learning_rate: 5e-7, label_smoothing: 0, seed: -1 });
    expect(runs[2]!.config).toEqual({ beta: 0.1 });
    expect(problems).toEqual([{ line: 5, message: 'config cell is not a Python dict or JSON object: unexpected character "<" at offset 13; row skipped' }]);
  });

  it("reads the same whatever the chunks (a quoted cell split anywhere)", () => {
    expect(parseRunsTable(chunksOf(FIXTURE, 7), "runs-table")).toEqual(parseRunsTable(FIXTURE, "runs-table"));
  });

  it("takes index=False, columns in any order, JSON cells (json.dumps), CRLF, and names unnamed rows by file and row", () => {
    const text = 'config,name,summary\r\n"{""beta"": 0.1, ""loss_type"": ""sigmoid""}",a,"{""loss"": NaN, ""ok"": true}"\r\n{},,{}\r\n';
    const { runs, problems } = parseRunsTable(utf8(text), "export");
    expect(problems).toEqual([]);
    expect(runs).toEqual([
      { name: "a", line: 2, config: { beta: 0.1, loss_type: "sigmoid" }, summary: { loss: NaN, ok: true } },
      { name: "export row 2", line: 3, config: {}, summary: {} },
    ]);
  });

  it("reports a cell that is not a dict, and a row of the wrong width, and keeps going", () => {
    const text = ",summary,config,name\n0,[1],{},a\n1,{},{}\n2,{'x': 1},{},c\n";
    const { runs, problems } = parseRunsTable(utf8(text), "t");
    expect(runs.map((r) => r.name)).toEqual(["c"]);
    expect(problems).toEqual([
      { line: 2, message: "summary cell is not a dict; row skipped" },
      { line: 3, message: "3 fields where the header has 4; row skipped" },
    ]);
  });
});

describe("parseRunsTable (W&B's UI 'Export CSV' of the runs table)", () => {
  it("puts columns named like hyperparameters into config, the rest into summary, the run's own under config.wandb, and says so", () => {
    const text =
      "Name,State,Notes,User,Tags,Created,Runtime,Sweep,beta,loss_type,learning_rate,train/loss,eval/loss,custom_flag\n" +
      "dpo-1,finished,-,ann,,2024-12-01T10:00:00.000Z,812,,0.1,sigmoid,1e-05,0.43,NaN,yes\n";
    const { runs, problems } = parseRunsTable(utf8(text), "wandb_export");
    expect(runs).toEqual([
      {
        name: "dpo-1",
        line: 2,
        config: { beta: 0.1, loss_type: "sigmoid", learning_rate: 1e-5, wandb: { state: "finished", notes: "-", user: "ann", created: "2024-12-01T10:00:00.000Z", runtime: 812 } },
        summary: { "train/loss": 0.43, "eval/loss": NaN, custom_flag: "yes" },
      },
    ]);
    expect(problems).toEqual([
      {
        line: 1,
        message: expect.stringMatching(
          /does not say which columns are config: 3 named like hyperparameters went to config \(beta, loss_type, learning_rate\), the other 3 to summary/,
        ),
      },
    ]);
  });
});

describe("openImports on a runs table", () => {
  it("gives a stream per run: one batch of config and summary, no rows; the file's problems go with the first", async () => {
    const streams = await openImports("exports/runs-table.csv", chunksOf(FIXTURE, 100));
    expect(streams.map((s) => [s.name, s.source])).toEqual([
      ["dpo-beta0.1", "wandb_runs"],
      ["ipo, beta=0.05", "wandb_runs"],
      ["runs-table row 3", "wandb_runs"],
    ]);
    const [first] = await toArray(streams[0]!.batches);
    expect(first!.rows).toEqual([]);
    expect(first!.problems.map((p) => p.line)).toEqual([5]);
    expect(first!.summary!["eval/loss"]).toBeNaN();
    expect((await toArray(streams[1]!.batches))[0]!.problems).toEqual([]);
  });

  it("gives one stream of problems alone when no row is a run", async () => {
    const streams = await openImports("t.csv", [utf8(",summary,config,name\n0,oops,{},a\n")]);
    const batches = await toArray(streams[0]!.batches);
    expect(batches).toEqual([
      { rows: [], problems: [{ line: 2, message: expect.stringMatching(/^summary cell is not a Python dict or JSON object: "oops" is not a literal at offset 0/) }] },
    ]);
  });
});
