import { setting } from "./config";

/** Where the dashboard answers: `PREFSCOPE_PUBLIC_URL`, else from HOST and PORT (127.0.0.1:3000 by default). */
export function publicUrl(): string {
  const configured = setting("PREFSCOPE_PUBLIC_URL");
  if (configured) return configured.replace(/\/$/, "");
  const host = setting("HOST") === "0.0.0.0" ? "127.0.0.1" : setting("HOST");
  return `http://${host.includes(":") ? `[${host}]` : host}:${setting("PORT")}`;
}
