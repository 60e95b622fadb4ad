import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { ImportTally } from "..";
import { importStreamLineSchema } from "../contract";
import { streamImport, wantsImportStream } from "./import-stream";

async function lines(response: Response): Promise<unknown[]> {
  const text = await response.text();
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => importStreamLineSchema.parse(JSON.parse(line)));
}

describe("streamImport", () => {
  it("answers NDJSON: a first progress line, at most one per 250 ms of the clock while the tally moves, a last one, then the result", async () => {
    let now = 0;
    const tally = new ImportTally(1000);
    const response = streamImport(
      tally,
      async () => {
        for await (const slice of tally.count(Array.from({ length: 10 }, () => new Uint8Array(100)))) {
          expect(slice.byteLength).toBe(100);
          now += 100; // ten slices 100 ms apart: lines at 300, 600 and 900 ms (each at least 250 ms after the one before)
          tally.addRows(7); // rows alone send no line: they go with the next step of bytes
        }
        return { runs: [] };
      },
      () => now,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(await lines(response)).toEqual([
      { progress: { bytes: 0, total_bytes: 1000, rows: 0 } },
      { progress: { bytes: 400, total_bytes: 1000, rows: 21 } },
      { progress: { bytes: 700, total_bytes: 1000, rows: 42 } },
      { progress: { bytes: 1000, total_bytes: 1000, rows: 63 } },
      { progress: { bytes: 1000, total_bytes: 1000, rows: 70 } },
      { runs: [] },
    ]);
    expect(tally.onChange).toBeUndefined();
  });

  it("ends a failed import with the status and error body a plain request would have got", async () => {
    const tally = new ImportTally(10);
    const response = streamImport(tally, () => Promise.reject(new AppError("invalid_body", "A run holds at most 3 metric names", ["file"])));
    expect(response.status).toBe(200);
    expect(await lines(response)).toEqual([
      { progress: { bytes: 0, total_bytes: 10, rows: 0 } },
      { status: 422, error: { code: "invalid_body", message: "A run holds at most 3 metric names", path: ["file"] } },
    ]);
  });

  it("is what a request asks for with Accept: application/x-ndjson, and only then", () => {
    const request = (accept?: string) => new Request("http://app/api/v1/import", { method: "POST", headers: accept ? { accept } : {} });
    expect(wantsImportStream(request("application/x-ndjson"))).toBe(true);
    expect(wantsImportStream(request("application/json, application/x-ndjson;q=0.9"))).toBe(true);
    expect(wantsImportStream(request("application/json"))).toBe(false);
    expect(wantsImportStream(request())).toBe(false);
  });
});
