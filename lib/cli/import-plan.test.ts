import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventRecord, join } from "../importers/test-support";
import { planImport } from "./import-plan";
import { readConfigFiles } from "./neighbour-config";

/** A folder holding the given files (contents do not matter to the plan). */
function tree(files: string[]): string {
  const root = mkdtempSync(path.join(tmpdir(), "plan-"));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), "{}");
  }
  return root;
}

const relative = (root: string, plan: ReturnType<typeof planImport>) => ({
  items: plan.items.map((i) =>
    i.kind === "file"
      ? { file: path.relative(root, i.path), summary: (i.summaryFiles ?? []).map((f) => path.relative(root, f)) }
      : { dir: path.relative(root, i.dir), files: i.files.length },
  ),
  skipped: plan.skipped.map((s) => path.relative(root, s.path)).sort(),
});

describe("planImport", () => {
  it("takes one trainer state per training: the final one, with its results files; checkpoints and its event files are skipped with reasons", () => {
    const root = tree([
      "out/trainer_state.json",
      "out/all_results.json",
      "out/eval_results.json",
      "out/checkpoint-500/trainer_state.json",
      "out/checkpoint-1000/trainer_state.json",
      "out/runs/Dec04_10-00-00_host/events.out.tfevents.1.host.1.0",
    ]);
    const plan = planImport(root);
    expect(relative(root, plan)).toEqual({
      items: [{ file: "out/trainer_state.json", summary: ["out/eval_results.json", "out/all_results.json"] }],
      skipped: ["out/checkpoint-1000/trainer_state.json", "out/checkpoint-500/trainer_state.json", "out/runs/Dec04_10-00-00_host/events.out.tfevents.1.host.1.0"],
    });
    expect(plan.skipped.every((s) => s.reason.length > 10)).toBe(true);
  });

  it("without a final state keeps the latest checkpoint (by number, not by name)", () => {
    const root = tree(["out/checkpoint-900/trainer_state.json", "out/checkpoint-1000/trainer_state.json", "out/checkpoint-50/trainer_state.json"]);
    expect(relative(root, planImport(root)).items).toEqual([{ file: "out/checkpoint-1000/trainer_state.json", summary: [] }]);
  });

  it("a stopped training's event files go further than its checkpoints: they are kept instead", () => {
    const root = tree(["out/checkpoint-100/trainer_state.json", "out/runs/x/events.out.tfevents.1.h.1.0", "out/runs/x/events.out.tfevents.2.h.1.0"]);
    const plan = planImport(root);
    expect(relative(root, plan)).toEqual({ items: [{ dir: "out/runs/x", files: 2 }], skipped: ["out/checkpoint-100/trainer_state.json"] });
    expect(plan.skipped[0]!.reason).toMatch(/event files in .*out\/runs\/x go on/);
  });

  it("separate trainings stay separate runs; JSONL and CSV files are runs of their own", () => {
    const root = tree(["a/trainer_state.json", "b/checkpoint-10/trainer_state.json", "tb/events.out.tfevents.1.h.1.0", "log.jsonl", "m.csv"]);
    expect(relative(root, planImport(root))).toEqual({
      items: [
        { file: "log.jsonl", summary: [] },
        { file: "m.csv", summary: [] },
        { file: "a/trainer_state.json", summary: [] },
        { file: "b/checkpoint-10/trainer_state.json", summary: [] },
        { dir: "tb", files: 1 },
      ],
      skipped: [],
    });
  });

  it("a trainer state named directly brings its results files", () => {
    const root = tree(["out/trainer_state.json", "out/all_results.json"]);
    expect(relative(root, planImport(path.join(root, "out/trainer_state.json"))).items).toEqual([{ file: "out/trainer_state.json", summary: ["out/all_results.json"] }]);
  });

  it("finds the config files beside each run's logs: its own folder first, then the training's output dir", () => {
    const root = tree([
      "out/training_args.json",
      "out/config.json",
      "out/adapter_config.json",
      "out/runs/Dec04_10-00-00_host/events.out.tfevents.1.host.1.0",
      "out/checkpoint-10/trainer_state.json",
      "out/checkpoint-10/config.json",
      "logs/config.json",
      "logs/train.jsonl",
      "bare/m.csv",
    ]);
    const configs = Object.fromEntries(
      planImport(root).items.map((i) => [path.relative(root, i.kind === "file" ? i.path : i.dir), (i.configFiles ?? []).map((f) => path.relative(root, f))]),
    );
    expect(configs).toEqual({
      // The stopped training's event files are its run (see above); HF's runs/<date>_<host> sits in the output dir.
      "out/runs/Dec04_10-00-00_host": ["out/training_args.json", "out/config.json", "out/adapter_config.json"],
      "logs/train.jsonl": ["logs/config.json"],
      "bare/m.csv": [],
    });
    const state = planImport(path.join(root, "out/checkpoint-10/trainer_state.json")).items[0]!;
    expect((state.configFiles ?? []).map((f) => path.relative(root, f))).toEqual(["out/training_args.json", "out/checkpoint-10/config.json", "out/adapter_config.json"]);
  });
});

describe("planImport: several trainings in one log dir", () => {
  const events = (...steps: number[]) =>
    join(eventRecord(0, 1.7e9, [{ tag: "args/text_summary", text: "{}" }]), ...steps.map((s) => eventRecord(s, 1.7e9 + s, [{ tag: "loss", simple: s }])));

  it("makes a run of each training (files whose steps start over), keeps a resumption with its training, and says so", () => {
    const root = tree([]);
    mkdirSync(path.join(root, "tb"));
    const file = (name: string, bytes: Uint8Array) => writeFileSync(path.join(root, "tb", name), bytes);
    file("events.out.tfevents.100.h.1.0", events(1, 2, 3));
    file("events.out.tfevents.200.h.1.0", events(4, 5)); // resumed: further on
    file("events.out.tfevents.300.h.2.0", events(1, 2)); // another training
    file("events.out.tfevents.400.h.2.0", events()); // no step yet: with the training before it
    file("events.out.tfevents.500.h.3.0", events(0, 1)); // a third
    const plan = planImport(root);
    expect(plan.items.map((i) => (i.kind === "tensorboard_dir" ? [i.name ?? null, i.files.map((f) => path.basename(f).split(".")[3])] : null))).toEqual([
      [null, ["100", "200"]],
      ["tb (2)", ["300", "400"]],
      ["tb (3)", ["500"]],
    ]);
    expect(plan.notes).toEqual([`${path.join(root, "tb")} holds 3 trainings (the steps start over in events.out.tfevents.300.h.2.0, events.out.tfevents.500.h.3.0): a run each`]);
  });
});

describe("readConfigFiles", () => {
  it("puts training arguments at top level, a model config under model, an adapter's under adapter; a bad file is named and left out", () => {
    const root = mkdtempSync(path.join(tmpdir(), "config-"));
    const write = (name: string, text: string) => (writeFileSync(path.join(root, name), text), path.join(root, name));
    mkdirSync(path.join(root, "own"));
    const files = [
      write("training_args.json", '{"beta": 0.05, "loss_type": "sigmoid", "max_grad_norm": NaN}'),
      write("config.json", '{"model_type": "gpt2", "n_layer": 2, "beta": 9}'),
      write("adapter_config.json", '{"peft_type": "LORA", "r": 8}'),
      write("own/config.json", '{"beta": 0.2, "seed": 3}'),
      write("broken.json", "{"),
      write("list.json", "[1]"),
    ];
    const warnings: string[] = [];
    const { config, read } = readConfigFiles(files, (file, message) => warnings.push(`${path.basename(file)}: ${message}`));
    expect(config).toEqual({
      beta: 0.05,
      loss_type: "sigmoid",
      max_grad_norm: NaN,
      seed: 3,
      model: { model_type: "gpt2", n_layer: 2, beta: 9 },
      adapter: { peft_type: "LORA", r: 8 },
    });
    expect(read.map((f) => [path.relative(root, f.path), f.under])).toEqual([
      ["training_args.json", null],
      ["config.json", "model"],
      ["adapter_config.json", "adapter"],
      ["own/config.json", null],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^broken\.json: /), "list.json: not a JSON object"]);
  });
});
