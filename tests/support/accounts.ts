import { startApp, type AppServer } from "./app-server";
import { createTestDatabase } from "./test-database";

/** Headers that make a request as someone: a key, a session (cookie + CSRF header), or nothing. */
export type Credentials = Record<string, string>;

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** An app of its own (its own database): accounts mode cannot be turned on in the shared suite's app. */
export async function startOwnApp(env: Record<string, string> = {}): Promise<{ app: AppServer; stop: () => Promise<void> }> {
  const database = await createTestDatabase();
  const app = await startApp({ env: { ...env, ...(database ? { DATABASE_URL: database.url } : {}) } });
  return {
    app,
    stop: async () => {
      await app.stop();
      await database?.drop();
    },
  };
}

export function client(baseUrl: string) {
  return async function request(method: string, path: string, credentials: Credentials = {}, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { ...credentials };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload, redirect: "manual" });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // a page: keep the HTML
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
}

/** The credentials a browser holds after signing in: both cookies, and the CSRF token it echoes on changes. */
export function sessionFrom(response: Answer): Credentials {
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = cookies.find((c) => c.startsWith("prefscope_csrf="))?.split("=")[1];
  if (!csrf || !cookies.some((c) => c.startsWith("prefscope_session="))) throw new Error(`no session cookies in ${response.status} ${JSON.stringify(response.body)}`);
  return { cookie: cookies.join("; "), "x-csrf-token": decodeURIComponent(csrf) };
}
