import { describe, expect, it } from "vitest";
import { importFile, openImport, runNameFromPath, UnsupportedFormatError } from "./import-file";
import { parseTensorboard } from "./tensorboard-decoder";
import { chunksOf, eventFilePath, readFixture, toArray, utf8 } from "./test-support";
import { parseTrainerState } from "./trainer-state-decoder";

async function* slowly(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

describe("importFile", () => {
  it("imports an event file named by its directory, fed in small chunks", async () => {
    const path = eventFilePath("tensorboard");
    const bytes = readFixture(path);
    const run = await importFile(path, slowly(chunksOf(bytes, 100)));
    expect(run).toEqual({ ...parseTensorboard(bytes), name: "tensorboard" });
  });

  it("imports trainer_state.json named by the Trainer's output directory", async () => {
    const bytes = readFixture("transformers-trainer/trainer_state.json");
    const run = await importFile("runs/dpo-7/checkpoint-200/trainer_state.json", [bytes]);
    expect(run).toEqual({ ...parseTrainerState(bytes), name: "dpo-7" });
  });

  it("sniffs content when the name says nothing, even from a first chunk of a few bytes", async () => {
    const bytes = utf8('{"step": 1, "loss": 0.5}\n{"step": 2, "loss": 0.4}\n');
    const { source, name, batches } = await openImport("upload", slowly(chunksOf(bytes, 3)));
    expect([source, name]).toEqual(["jsonl", "upload"]);
    expect((await toArray(batches)).flatMap((b) => b.rows).map((r) => r.step)).toEqual([1, 2]);
  });

  it("refuses a file it cannot place", async () => {
    await expect(importFile("notes.txt", [utf8("hello")])).rejects.toBeInstanceOf(UnsupportedFormatError);
    await expect(importFile("empty.bin", [])).rejects.toBeInstanceOf(UnsupportedFormatError);
  });
});

describe("runNameFromPath", () => {
  it.each([
    ["logs/flex-beta/events.out.tfevents.1.h.1.0", "tensorboard", "flex-beta"],
    ["events.out.tfevents.1.h.1.0", "tensorboard", "tensorboard"],
    ["out\\hf\\trainer_state.json", "trainer_state", "hf"],
    ["exports/run-a.csv", "csv", "run-a"],
    ["wandb-history.jsonl", "jsonl", "wandb-history"],
  ] as const)("%s (%s) → %s", (path, format, name) => {
    expect(runNameFromPath(path, format)).toBe(name);
  });

  it("cuts a long derived name to the API's 256 characters, never inside a surrogate pair, and makes it storable", () => {
    expect(runNameFromPath(`${"x".repeat(5000)}.csv`, "csv")).toBe("x".repeat(256));
    expect(runNameFromPath(`${"x".repeat(255)}\u{1F600}.csv`, "csv")).toBe("x".repeat(255));
    expect(runNameFromPath(`logs/${"d".repeat(300)}/events.out.tfevents.1`, "tensorboard")).toHaveLength(256);
    expect(runNameFromPath("a\u0000b\ud800.jsonl", "jsonl")).toBe("a\ufffdb\ufffd");
  });
});
