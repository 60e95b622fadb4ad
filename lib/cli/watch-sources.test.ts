import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventRecord, join } from "../importers/test-support";
import { findSources, type WatchSource } from "./watch-sources";

function tree(root: string, files: string[]): void {
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), "");
  }
}

const summary = (root: string, sources: WatchSource[]) =>
  sources.map((s) => `${s.format} ${path.relative(root, s.key)} [${s.files.map((f) => path.relative(root, f)).join(", ")}]`).sort();

describe("findSources", () => {
  it("one source per log dir, training and log file; a training's latest trainer state only", () => {
    const root = mkdtempSync(path.join(tmpdir(), "watch-"));
    tree(root, [
      "a/checkpoint-20/trainer_state.json",
      "a/checkpoint-100/trainer_state.json",
      "tb/x/events.out.tfevents.2.h.1.0",
      "tb/x/events.out.tfevents.1.h.1.0",
      "log.jsonl",
      "m.csv",
      "notes.txt",
    ]);
    writeFileSync(path.join(root, "m.csv"), "step,loss\n");
    // The event files' first steps as their names say (1 → 10, 2 → 20): the second resumes the first.
    const resumed = (file: string) => Number(path.basename(file).split(".")[3]) * 10;
    expect(summary(root, findSources([root], new Map(), resumed))).toEqual([
      "csv m.csv [m.csv]",
      "jsonl log.jsonl [log.jsonl]",
      "tensorboard tb/x [tb/x/events.out.tfevents.1.h.1.0, tb/x/events.out.tfevents.2.h.1.0]",
      "trainer_state a [a/checkpoint-100/trainer_state.json]",
    ]);
  });

  it("a training's live event files are its source; its trainer state later is not a second run — unless the state came first", () => {
    const root = mkdtempSync(path.join(tmpdir(), "watch-"));
    tree(root, ["out/runs/Dec04/events.out.tfevents.1.h.1.0"]);
    const first = findSources([root], new Map());
    expect(summary(root, first)).toEqual(["tensorboard out/runs/Dec04 [out/runs/Dec04/events.out.tfevents.1.h.1.0]"]);
    tree(root, ["out/checkpoint-10/trainer_state.json", "out/trainer_state.json"]);
    const adopted = new Map(first.map((s) => [s.key, s]));
    expect(summary(root, findSources([root], adopted))).toEqual(["tensorboard out/runs/Dec04 [out/runs/Dec04/events.out.tfevents.1.h.1.0]"]);

    const other = mkdtempSync(path.join(tmpdir(), "watch-"));
    tree(other, ["out/checkpoint-10/trainer_state.json"]);
    const state = findSources([other], new Map());
    tree(other, ["out/runs/Dec04/events.out.tfevents.1.h.1.0"]);
    expect(summary(other, findSources([other], new Map(state.map((s) => [s.key, s]))))).toEqual(["trainer_state out [out/checkpoint-10/trainer_state.json]"]);
  });

  it("a CSV is a source once its header is whole, and a W&B runs table is left out, saying why", () => {
    const root = mkdtempSync(path.join(tmpdir(), "watch-"));
    const skipped: string[] = [];
    const find = (adopted: ReadonlyMap<string, WatchSource> = new Map()) =>
      summary(
        root,
        findSources([root], adopted, undefined, (file, why) => skipped.push(`${path.relative(root, file)}: ${why}`)),
      );
    writeFileSync(path.join(root, "history.csv"), "step,lo");
    writeFileSync(path.join(root, "runs.csv"), ",summary,config,name\n0,\"{'loss': 0.1}\",{},a\n");
    writeFileSync(path.join(root, "ui.csv"), '"Name","State","Notes","User","Tags","Created","Runtime","Sweep","beta","loss"\n');
    expect(find()).toEqual([]);
    expect(skipped).toEqual([
      "runs.csv: a W&B runs table (one row per run), not a training log: import it with `prefscope import`",
      "ui.csv: a W&B runs table (one row per run), not a training log: import it with `prefscope import`",
    ]);
    writeFileSync(path.join(root, "history.csv"), "step,loss\n1,0.5\n");
    const found = findSources([root], new Map());
    expect(summary(root, found)).toEqual(["csv history.csv [history.csv]"]);
    // Once followed, a CSV is not read again to be told apart.
    writeFileSync(path.join(root, "history.csv"), ",summary,config,name\n");
    expect(find(new Map(found.map((s) => [s.key, s])))).toEqual(["csv history.csv [history.csv]"]);
  });

  it("two trainings in one log dir are two sources; a new file waits for its first step to say which it belongs to", () => {
    const root = mkdtempSync(path.join(tmpdir(), "watch-"));
    const dir = path.join(root, "tb");
    mkdirSync(dir);
    const steps = (...s: number[]) =>
      join(eventRecord(0, 1.7e9, [{ tag: "args/text_summary", text: "{}" }]), ...s.map((step) => eventRecord(step, 1.7e9 + step, [{ tag: "loss", simple: step }])));
    writeFileSync(path.join(dir, "events.out.tfevents.100.h.1.0"), steps(1, 2, 3));
    writeFileSync(path.join(dir, "events.out.tfevents.200.h.2.0"), steps());
    const names = () => findSources([root], new Map()).map((s) => [s.key === dir ? "tb" : path.relative(root, s.key), s.name, s.files.map((f) => path.basename(f).split(".")[3])]);
    expect(names()).toEqual([["tb", "tb", ["100"]]]);
    writeFileSync(path.join(dir, "events.out.tfevents.200.h.2.0"), steps(1, 2));
    expect(names()).toEqual([
      ["tb", "tb", ["100"]],
      ["tb (2)", "tb (2)", ["200"]],
    ]);
  });
});
