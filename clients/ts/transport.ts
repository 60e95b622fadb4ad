import type { ErrorBody } from "@/lib/core/errors";
import { encodeNumber } from "@/lib/core/validation/numbers";

export interface HttpResult {
  /** 0 when the server could not be reached at all. */
  status: number;
  data?: unknown;
  error?: string;
  retryAfter?: number;
}

function keepNonFinite(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? encodeNumber(value) : value;
}

/** JSON as the API takes it: NaN and ±Infinity as its strings (plain JSON would write null). The spool uses it too. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, keepNonFinite);
}

/** The server's base URL; one given with the API's path (`…/api/v1`, `…/api`) is accepted too, as in Python. */
export function normalizeUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, "")
    .replace(/\/api(\/v1)?$/, "");
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

export class Transport {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string | undefined,
    private readonly timeoutMs = 30_000,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<HttpResult> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : encodeJson(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      // A proxy in between may answer in HTML (nginx's 413 page): the status still counts.
      const data: unknown = parseJson(text);
      const error = response.ok ? undefined : ((data as Partial<ErrorBody> | null)?.error?.message ?? `HTTP ${response.status}`);
      return { status: response.status, data, error, retryAfter: parseRetryAfter(response.headers.get("retry-after")) };
    } catch (error) {
      return { status: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
