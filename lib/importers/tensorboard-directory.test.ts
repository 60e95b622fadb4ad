import { describe, expect, it } from "vitest";
import { importTensorboardDirectory, parseTensorboardFiles, sortEventFiles } from "./tensorboard-directory";
import { chunksOf, eventRecord, join, utf8 } from "./test-support";

// A run that crashed after step 2 and resumed from step 2 in a new event file.
const older = {
  name: "run/events.out.tfevents.1700000100.host.1.0",
  bytes: join(
    eventRecord(1, 10, [{ tag: "loss", simple: 1 }]),
    eventRecord(2, 11, [
      { tag: "loss", simple: 2 },
      { tag: "eval/acc", simple: 0.5 },
    ]),
  ),
};
const newer = {
  name: "run/events.out.tfevents.1700000200.host.2.0",
  bytes: join(eventRecord(2, 20, [{ tag: "loss", simple: 20 }]), eventRecord(3, 21, [{ tag: "loss", simple: 3 }]), utf8("torn")),
};

describe("one run from a directory of event files", () => {
  it("reads files oldest first whatever order they come in, the later file winning at a shared step", () => {
    const run = parseTensorboardFiles("run", [newer, older]);
    expect(run.rows).toEqual([
      { step: 1, values: { loss: 1 }, time: 10 },
      { step: 2, values: { loss: 20, "eval/acc": 0.5 }, time: 20 },
      { step: 3, values: { loss: 3 }, time: 21 },
    ]);
    expect(run.problems).toEqual([
      {
        file: "events.out.tfevents.1700000200.host.2.0",
        offset: expect.any(Number),
        record: 2,
        message: expect.stringMatching(/truncated/),
      },
    ]);
  });

  it("streams to the same run", async () => {
    const files = [newer, older].map((f) => ({ name: f.name, chunks: chunksOf(f.bytes, 5) }));
    expect(await importTensorboardDirectory("run", files)).toEqual(parseTensorboardFiles("run", [older, newer]));
  });

  it("orders by the timestamp in the name, numerically", () => {
    const names = ["events.out.tfevents.999999999.h.1.0", "events.out.tfevents.1000000000.h.1.0", "events.out.tfevents.1000000000.h.0.0"];
    expect(sortEventFiles(names.map((name) => ({ name }))).map((f) => f.name)).toEqual([names[0], names[2], names[1]]);
  });
});

describe("a directory holding two trainings", () => {
  it("says that a later file starting again at an earlier step replaced the first training's values", async () => {
    const first = {
      name: "run/events.out.tfevents.1700000100.host.1.0",
      bytes: join(eventRecord(0, 10, [{ tag: "loss", simple: 1 }]), eventRecord(1, 11, [{ tag: "loss", simple: 2 }])),
    };
    const second = { name: "run/events.out.tfevents.1700000900.host.7.0", bytes: join(eventRecord(0, 90, [{ tag: "loss", simple: 5 }])) };
    const run = await importTensorboardDirectory(
      "run",
      [first, second].map((f) => ({ name: f.name, chunks: chunksOf(f.bytes, 7) })),
    );
    expect(run.rows).toEqual([
      { step: 0, values: { loss: 5 }, time: 90 },
      { step: 1, values: { loss: 2 }, time: 11 },
    ]);
    expect(run.problems).toEqual([
      {
        file: "events.out.tfevents.1700000900.host.7.0",
        message: expect.stringMatching(
          /^starts again at step 0 \(events\.out\.tfevents\.1700000100\.host\.1\.0 began at step 0\): another training .*import the files one at a time/,
        ),
      },
    ]);
  });
});
