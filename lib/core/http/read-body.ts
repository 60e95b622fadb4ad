import { setting } from "../config";
import { AppError } from "../errors";

/** Largest request body accepted, in bytes (`PREFSCOPE_MAX_BODY_BYTES`, default 32 MiB). */
export function maxBodyBytes(): number {
  return setting("PREFSCOPE_MAX_BODY_BYTES");
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The Content-Length a request declares, or null when it is sent chunked. */
function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  return header === null ? null : Number(header);
}

/**
 * A body that ends before its Content-Length is a body cut short on its way (Next.js cuts one that its proxy
 * buffered past `proxyClientMaxBodySize`): never parse what is left of it. 400, not 422: the sender should send
 * it again, not drop it.
 */
function checkComplete(received: number, declared: number | null): void {
  if (declared !== null && received !== declared) throw incomplete(received, declared);
}

function incomplete(received: number, declared: number): AppError {
  return new AppError("invalid_json", `Request body ended after ${received} of the ${declared} bytes its Content-Length declares; nothing was stored, send it again`);
}

/** How far past the body limit a refused body is still read to its end before the connection is dropped. */
const DRAIN_SLACK = 64 * 1024 * 1024;

/**
 * Reads what is left of a body and drops it, so that the answer reaches a sender that writes its whole body before
 * reading (urllib, with `Connection: close`): a server that answers mid-upload and closes the connection makes
 * that sender fail with a broken pipe before it reads the 4xx, and retry instead of giving up or splitting the
 * batch. Past 64 MiB over the body limit it stops reading; the connection is then dropped.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, received = 0, limit = maxBodyBytes()): Promise<void> {
  try {
    let drained = received;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      drained += value.byteLength;
      if (drained > limit + DRAIN_SLACK) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    // the sender went away: nothing to answer
  }
}

/** Drains a body a route left unread (refused before reading it: 401, 404, 429…), for the reason `drain` gives. */
export async function drainUnreadBody(request: Request): Promise<void> {
  if (request.body && !request.bodyUsed && !request.body.locked) await drain(request.body.getReader());
}

/** Refuses a body over the limit (413) once it has been read to its end, without keeping it (see `drain`). */
async function refuseTooLarge(reader: ReadableStreamDefaultReader<Uint8Array> | undefined, limit: number, received = 0): Promise<AppError> {
  if (reader) await drain(reader, received, limit);
  return tooLarge(limit);
}

/** The body's bytes, refusing more than the limit before buffering them (413) and a body cut short (400). */
async function readBodyBytes(request: Request, limit: number): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) throw await refuseTooLarge(request.body?.getReader(), limit);
  if (!request.body) {
    checkComplete(0, declared);
    return Buffer.alloc(0);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) throw await refuseTooLarge(reader, limit, size);
    chunks.push(value);
  }
  checkComplete(size, declared);
  return Buffer.concat(chunks, size);
}

/** Reads the body as text, refusing more than the limit before buffering it (413), a body cut short and invalid UTF-8 (400). */
export async function readBodyText(request: Request, limit = maxBodyBytes()): Promise<string> {
  const bytes = await readBodyBytes(request, limit);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError("invalid_json", "Request body is not valid UTF-8");
  }
}

/**
 * A multipart upload (`/api/v1/import`): at most PREFSCOPE_MAX_IMPORT_BYTES whether or not it declares its length
 * (413), and whole (400 when cut short). Counted on its way to the parser, not copied.
 */
export async function readUpload(request: Request, limit = maxImportBytes()): Promise<FormData> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit) throw await refuseTooLarge(request.body?.getReader(), limit);
  let failure: AppError | null = null;
  let size = 0;
  const reader = request.body?.getReader();
  const counted =
    reader &&
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (!done) size += value.byteLength;
        if (size > limit) controller.error((failure = await refuseTooLarge(reader, limit, size)));
        else if (!done) controller.enqueue(value);
        else if (declared !== null && size !== declared) controller.error((failure = incomplete(size, declared)));
        else controller.close();
      },
    });
  try {
    return await new Response(counted ?? null, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw failure ?? new AppError("unsupported_media_type", "Expected a multipart/form-data body with project and file fields");
  }
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds ${limit} bytes; split it into smaller parts`);
}

function parseJsonText(text: string, path: (string | number)[], what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_json", `${what} is not valid JSON: ${detail}`, path);
  }
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "application/json").split(";")[0]!.trim().toLowerCase();
}

/** Most rows one metrics or sequences batch may carry (`PREFSCOPE_MAX_ROWS_PER_BATCH`, default 100,000). */
export function maxRowsPerBatch(): number {
  return setting("PREFSCOPE_MAX_ROWS_PER_BATCH");
}

function tooManyRows(limit: number): AppError {
  return new AppError("payload_too_large", `A batch holds at most ${limit} rows; split it into smaller batches`, ["rows"]);
}

/** A JSON body. */
export async function readJson(request: Request): Promise<unknown> {
  const type = mediaType(request);
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", `Expected Content-Type application/json, got ${type}`);
  }
  return parseJsonText(await readBodyText(request), [], "Request body");
}

/** A JSON body that may be left out (no body, or only whitespace: undefined); `limit` bytes at most (413). */
export async function readOptionalJson(request: Request, limit = maxBodyBytes()): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text.trim() === "") return undefined;
  const type = mediaType(request);
  if (type !== "application/json") throw new AppError("unsupported_media_type", `Expected Content-Type application/json, got ${type}`);
  return parseJsonText(text, [], "Request body");
}

const NDJSON_TYPES = new Set(["application/x-ndjson", "application/jsonl", "application/json-lines", "application/ndjson"]);

/**
 * A batch body: JSON `{batch_id?, rows: [...]}`, or NDJSON with one row a line (the batch id then comes from
 * the `batch_id` query parameter or the `Idempotency-Key` header).
 */
export async function readBatch(request: Request): Promise<unknown> {
  const type = mediaType(request);
  const limit = maxRowsPerBatch();
  if (type === "application/json") {
    const body = await readJson(request);
    const rows = body && typeof body === "object" ? (body as { rows?: unknown }).rows : undefined;
    if (Array.isArray(rows) && rows.length > limit) throw tooManyRows(limit);
    return body;
  }
  if (!NDJSON_TYPES.has(type)) {
    throw new AppError("unsupported_media_type", `Expected application/json or application/x-ndjson, got ${type}`);
  }
  const text = await readBodyText(request);
  const rows: unknown[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end).trim();
    if (line && rows.length === limit) throw tooManyRows(limit);
    if (line) rows.push(parseJsonText(line, ["rows", rows.length], `Line ${rows.length + 1}`));
    start = end + 1;
  }
  const url = new URL(request.url);
  const batchId = url.searchParams.get("batch_id") ?? request.headers.get("idempotency-key") ?? undefined;
  return batchId === undefined ? { rows } : { batch_id: batchId, rows };
}

/** Largest upload to /api/v1/import (`PREFSCOPE_MAX_IMPORT_BYTES`, default 1 GiB). */
export function maxImportBytes(): number {
  return setting("PREFSCOPE_MAX_IMPORT_BYTES");
}
