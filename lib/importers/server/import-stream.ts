import "server-only";
import { toErrorResponse, type ErrorBody } from "@/lib/core/errors";
import { createThrottle } from "@/lib/core/view/progress";
import type { ImportTally } from "..";
import { IMPORT_STREAM_TYPE, type ImportResponse, type ImportStreamLine } from "../contract";
import { encodeStreamLine } from "../progress-stream";

/** At most this often a progress line: often enough for a bar to move, rarely enough to cost nothing. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * A turn of the event loop, for the lines to leave: on the embedded database a whole import can run in promise
 * callbacks alone (its writes are in-process), and the socket would see nothing until the end.
 */
const letLinesOut = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether the client asked for the streamed answer (`Accept: application/x-ndjson`). */
export function wantsImportStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes(IMPORT_STREAM_TYPE);
}

/** A failure after the answer began, as its last line: the status and error body a plain request would have got. */
async function errorLine(error: unknown): Promise<ImportStreamLine> {
  const response = toErrorResponse(error);
  const body = (await response.json()) as ErrorBody;
  return { status: response.status, error: body.error };
}

/**
 * Answers 200 at once with NDJSON (importStreamLineSchema): a progress line when the work begins, then at most one
 * per interval as the tally moves, one when it is done, and last the result or the error. `no-transform` keeps a
 * compressing proxy (Next.js' own gzip included) from holding the lines back until the end.
 */
export function streamImport(tally: ImportTally, work: () => Promise<ImportResponse>, clock: () => number = Date.now): Response {
  const encoder = new TextEncoder();
  const due = createThrottle(PROGRESS_INTERVAL_MS, clock);
  let open = true;
  const body = new ReadableStream<Uint8Array>({
    cancel() {
      open = false; // the client went away; the import still finishes (or is undone) as a plain request's would
    },
    start(controller) {
      const send = (line: ImportStreamLine) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(encodeStreamLine(line)));
        } catch {
          open = false;
        }
      };
      const progress = () => send({ progress: { bytes: tally.bytes, total_bytes: tally.total, rows: tally.rows } });
      // Lines go out on steps of bytes only, where the import can wait for them to leave; they carry the rows so far.
      tally.onChange = (step) => {
        if (step !== "bytes" || !due()) return;
        progress();
        return letLinesOut();
      };
      progress();
      due();
      void letLinesOut()
        .then(work)
        .then(
          (result) => {
            progress();
            send(result);
          },
          async (error: unknown) => send(await errorLine(error)),
        )
        .finally(() => {
          tally.onChange = undefined;
          if (open) controller.close();
          open = false;
        });
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": IMPORT_STREAM_TYPE, "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
}
