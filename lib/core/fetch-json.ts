import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "../accounts/cookie-names";
import type { ErrorBody } from "./errors";

/** The session's CSRF token, echoed on every change the page asks for (cookies alone never authorise one). */
export function csrfHeaders(init?: RequestInit): HeadersInit | undefined {
  const method = (init?.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD" || typeof document === "undefined") return init?.headers;
  const token = readCookie(document.cookie, CSRF_COOKIE);
  if (!token) return init?.headers;
  const headers = new Headers(init?.headers);
  headers.set(CSRF_HEADER, token);
  return headers;
}

/** Fetches JSON from the API, turning its error body into an Error with the server's message. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: csrfHeaders(init) });
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `${response.status} ${response.statusText}`);
  return body as T;
}
