import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planImport } from "./import-plan";

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
});
