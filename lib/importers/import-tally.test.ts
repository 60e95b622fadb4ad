import { describe, expect, it } from "vitest";
import { ImportTally } from "./import-tally";

describe("ImportTally", () => {
  it("counts bytes as they are taken, a large chunk in 64 KiB slices, and rows as they are added", async () => {
    const tally = new ImportTally(200_000);
    const seen: number[] = [];
    tally.onChange = () => {
      seen.push(tally.bytes);
    };
    const slices: number[] = [];
    for await (const slice of tally.count([new Uint8Array(150_000), new Uint8Array(50_000)])) {
      slices.push(slice.byteLength);
      expect(tally.bytes).toBe(slices.reduce((a, b) => a + b, 0)); // nothing counted before the decoder takes it
    }
    expect(slices).toEqual([65_536, 65_536, 18_928, 50_000]);
    expect(seen).toEqual([65_536, 131_072, 150_000, 200_000]);
    tally.addRows(2000);
    expect([tally.rows, seen.length]).toEqual([2000, 5]);
  });
});
