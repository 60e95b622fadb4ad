// The streamed answer of `POST /api/v1/import` (contract: importStreamLineSchema), written by the server and read by
// the upload box and the CLI. Pure: no I/O, time comes from the caller.
import { jsonText } from "../core/http/json";
import type { ImportProgress, ImportResponse, ImportStreamLine } from "./contract";

/** One line of the stream, newline included; NaN and ±Infinity in a run's config travel as the API spells them. */
export function encodeStreamLine(line: ImportStreamLine): string {
  return `${jsonText(line)}\n`;
}

/** What a reader makes of one line: progress, the result, or the failure the server reported. */
export type StreamEvent = { kind: "progress"; progress: ImportProgress } | { kind: "result"; result: ImportResponse } | { kind: "error"; status: number; message: string };

function toEvent(text: string): StreamEvent {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return { kind: "error", status: 502, message: `The import's answer has a line that is not JSON: ${text.slice(0, 80)}` };
  }
  if (line && typeof line === "object") {
    if ("progress" in line) return { kind: "progress", progress: line.progress as ImportProgress };
    if ("runs" in line) return { kind: "result", result: line as ImportResponse };
    if ("error" in line) {
      const { status, error } = line as { status?: number; error?: { message?: string } };
      return { kind: "error", status: status ?? 500, message: error?.message ?? "The import failed" };
    }
  }
  return { kind: "error", status: 502, message: `The import's answer has a line of no known kind: ${text.slice(0, 80)}` };
}

/**
 * Splits the stream's text into events as it arrives, in pieces cut anywhere (a network read, an XHR
 * `responseText` that grew); `finish()` reads a last line left without its newline and says how the import ended.
 */
export class StreamLineReader {
  private pending = "";
  private last: StreamEvent | undefined;

  push(text: string): StreamEvent[] {
    this.pending += text;
    const lines = this.pending.split("\n");
    this.pending = lines.pop()!;
    return this.read(lines);
  }

  /** The result, or the error the stream ended with; a stream without a last line was cut off on its way. */
  finish(): { result: ImportResponse } | { status: number; message: string } {
    this.read([this.pending]);
    this.pending = "";
    const last = this.last;
    if (last?.kind === "result") return { result: last.result };
    if (last?.kind === "error") return { status: last.status, message: last.message };
    return { status: 502, message: "The import's answer ended before its result; the import may still have finished" };
  }

  private read(lines: string[]): StreamEvent[] {
    const events = lines.filter((l) => l.trim() !== "").map(toEvent);
    for (const event of events) if (event.kind !== "progress") this.last = event;
    return events;
  }
}
