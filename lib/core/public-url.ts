/** Where the dashboard answers: `PREFSCOPE_PUBLIC_URL`, else from HOST and PORT (127.0.0.1:3000 by default). */
export function publicUrl(): string {
  if (process.env.PREFSCOPE_PUBLIC_URL) return process.env.PREFSCOPE_PUBLIC_URL.replace(/\/$/, "");
  const host = process.env.HOST && process.env.HOST !== "0.0.0.0" ? process.env.HOST : "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${process.env.PORT ?? "3000"}`;
}
