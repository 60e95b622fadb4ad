import type { Endpoint } from "./endpoint";
import { ENDPOINTS } from "./endpoints";

const compiled = ENDPOINTS.map((endpoint) => ({
  endpoint,
  pattern: new RegExp(`^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^/}]+\}/g, "[^/]+")}$`),
}));

/** The endpoint a request goes to: by method and path (no query), or undefined for one the registry lacks. */
export function findEndpoint(method: string, pathname: string): Endpoint | undefined {
  const upper = method.toUpperCase();
  return compiled.find((c) => c.endpoint.method === upper && c.pattern.test(pathname))?.endpoint;
}
