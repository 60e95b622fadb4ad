import { isIP } from "node:net";

/** Whether a Host header (or a bind address) names this machine: localhost, a 127/8 address or ::1. */
export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const name = (host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "")).toLowerCase();
  if (name === "localhost" || name.endsWith(".localhost") || name === "::1") return true;
  return isIP(name) === 4 && name.startsWith("127.");
}
