import { describe, expect, it } from "vitest";
import { detectFormat, SNIFF_BYTES } from "./detect-format";
import { eventFilePath, readFixture, utf8 } from "./test-support";

describe("detectFormat", () => {
  const events = readFixture(eventFilePath("tensorboard")).subarray(0, SNIFF_BYTES);
  const state = readFixture("transformers-trainer/trainer_state.json").subarray(0, SNIFF_BYTES);

  it("goes by the file name first", () => {
    expect(detectFormat("logs/run1/events.out.tfevents.1795720549.vm.416.13", new Uint8Array())).toBe("tensorboard");
    expect(detectFormat("out/checkpoint-200/trainer_state.json", new Uint8Array())).toBe("trainer_state");
    expect(detectFormat("history.jsonl", new Uint8Array())).toBe("jsonl");
    expect(detectFormat("history.NDJSON", new Uint8Array())).toBe("jsonl");
    expect(detectFormat("export.csv", new Uint8Array())).toBe("csv");
  });

  it("falls back on the first bytes when the name says nothing", () => {
    expect(detectFormat("upload.bin", events)).toBe("tensorboard");
    expect(detectFormat("state.json", state)).toBe("trainer_state");
    expect(detectFormat("upload", utf8('{"step": 1, "loss": 0.5}\n{"step": 2'))).toBe("jsonl");
    expect(detectFormat("upload.txt", utf8('"_step",_runtime,loss\n0,1,2'))).toBe("csv");
  });

  it("tells a W&B runs table (one row per run) from a history CSV by its header", () => {
    expect(detectFormat("project.csv", utf8(",summary,config,name\n0,\"{'a': 1}\",{},x\n"))).toBe("wandb_runs");
    expect(detectFormat("project.csv", utf8("name,config,summary\n"))).toBe("wandb_runs"); // index=False, any order
    expect(detectFormat("project.csv", utf8("Unnamed: 0,config,summary\n"))).toBe("wandb_runs");
    expect(detectFormat("wandb_export.csv", utf8('"Name","State","Notes","User","Tags","Created","Runtime","Sweep","beta","loss"\n'))).toBe("wandb_runs");
    expect(detectFormat("runs.txt", utf8(",summary,config,name\n"))).toBe("wandb_runs");
    expect(detectFormat("history.csv", utf8("_step,config_loss,summary\n"))).toBe("csv");
    expect(detectFormat("history.csv", utf8("Name,loss\n"))).toBe("csv");
  });

  it("returns null for anything else", () => {
    expect(detectFormat("notes.txt", utf8("hello, world"))).toBeNull();
    expect(detectFormat("config.json", utf8('{"lr": 1}'))).toBeNull();
    expect(detectFormat("empty", new Uint8Array())).toBeNull();
  });
});
