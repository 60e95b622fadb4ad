import type { Endpoint } from "./endpoint";
import { ENDPOINTS } from "./endpoints";

const compiled = ENDPOINTS.map((endpoint) => ({
  endpoint,
  pattern: new RegExp(`^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^/}]+\}/g, "[^/]+")}$`),
}));

const params = (path: string) => path.split("{").length - 1;

/**
 * The endpoint a request goes to: by method and path (no query), or undefined for one the registry lacks. A fixed
 * segment wins over a parameter, as in Next.js's routing (`/runs/series` is not the run `series`).
 */
export function findEndpoint(method: string, pathname: string): Endpoint | undefined {
  const upper = method.toUpperCase();
  const matches = compiled.filter((c) => c.endpoint.method === upper && c.pattern.test(pathname)).map((c) => c.endpoint);
  return matches.sort((a, b) => params(a.path) - params(b.path))[0];
}
