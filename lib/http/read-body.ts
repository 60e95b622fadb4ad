import { AppError } from "../errors";
import { MAX_ROWS_PER_BATCH } from "../validation/metrics";

/** Largest request body accepted, in bytes (`PREFSCOPE_MAX_BODY_BYTES`, default 32 MiB). */
export function maxBodyBytes(): number {
  return Number(process.env.PREFSCOPE_MAX_BODY_BYTES ?? 32 * 1024 * 1024);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads the body as text, refusing more than the limit before buffering it (413) and invalid UTF-8 (400). */
export async function readBodyText(request: Request, limit = maxBodyBytes()): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks, size);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AppError("invalid_json", "Request body is not valid UTF-8");
  }
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds ${limit} bytes; split it into smaller batches`);
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
  const value = Number(process.env.PREFSCOPE_MAX_ROWS_PER_BATCH || MAX_ROWS_PER_BATCH);
  return Number.isFinite(value) && value >= 1 ? value : MAX_ROWS_PER_BATCH;
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
  return Number(process.env.PREFSCOPE_MAX_IMPORT_BYTES ?? 1024 * 1024 * 1024);
}
