import { describe, expect, it } from "vitest";
import { encodeStreamLine, StreamLineReader, type StreamEvent } from "./progress-stream";

const progress = (bytes: number, rows: number) => ({ progress: { bytes, total_bytes: 100, rows } });

describe("the streamed import's lines", () => {
  it("read back as written however the text is cut, a last line without its newline included", () => {
    const text = [progress(0, 0), progress(40, 10), progress(100, 25)].map(encodeStreamLine).join("") + JSON.stringify({ runs: [] });
    for (const cut of [1, 3, 7, text.length]) {
      const reader = new StreamLineReader();
      const events: StreamEvent[] = [];
      for (let at = 0; at < text.length; at += cut) events.push(...reader.push(text.slice(at, at + cut)));
      expect(events.map((e) => (e.kind === "progress" ? e.progress.rows : e.kind))).toEqual([0, 10, 25]);
      expect(reader.finish()).toEqual({ result: { runs: [] } });
    }
  });

  it("spell non-finite numbers as the API does, one line each", () => {
    const line = encodeStreamLine({ runs: [{ config: { beta: Number.NaN, cap: -Infinity } }] } as never);
    expect(line).toBe('{"runs":[{"config":{"beta":"NaN","cap":"-Infinity"}}]}\n');
  });

  it("end with the error a failed import reports, with its status", () => {
    const reader = new StreamLineReader();
    reader.push(encodeStreamLine(progress(10, 0)));
    reader.push(encodeStreamLine({ status: 422, error: { code: "invalid_body", message: "too many metric names", path: ["file"] } }));
    expect(reader.finish()).toEqual({ status: 422, message: "too many metric names" });
  });

  it("say an answer cut off before its last line, or with a line that is not JSON, is no result", () => {
    const cut = new StreamLineReader();
    cut.push(encodeStreamLine(progress(10, 0)) + '{"runs": [');
    expect(cut.finish()).toMatchObject({ status: 502 });
    const empty = new StreamLineReader();
    expect(empty.finish()).toMatchObject({ status: 502, message: expect.stringContaining("ended before its result") });
    const odd = new StreamLineReader();
    expect(odd.push('{"something": 1}\n')).toEqual([{ kind: "error", status: 502, message: expect.stringContaining("no known kind") }]);
  });
});
