import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, openApiText } from "./document";
import { responseSpec } from "./endpoint";
import { ENDPOINTS } from "./endpoints";
import { findEndpoint } from "./find-endpoint";
import { runSchema } from "../runs/contract";

const committed = fileURLToPath(new URL("../../docs/openapi.json", import.meta.url));
const appApi = fileURLToPath(new URL("../../app/api", import.meta.url));

/**
 * `METHOD /api/…/{param}` for every handler a route.ts under app/api exports — but MLflow's (`/api/2.0/…`): their
 * specification is MLflow's REST API, their table lib/mlflow/server/endpoints.ts, their list docs/mlflow.md.
 */
function routeHandlers(): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(appApi, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith("route.ts") || entry.startsWith("2.0")) continue;
    const path = `/api/${relative(appApi, join(appApi, entry))
      .replace(/\\/g, "/")
      .replace(/\/?route\.ts$/, "")
      .replace(/\[([^\]]+)\]/g, "{$1}")}`;
    const source = readFileSync(join(appApi, entry), "utf8");
    for (const m of source.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)) out.push(`${m[1]} ${path}`);
  }
  return out.sort();
}

describe("docs/openapi.json", () => {
  it("is what `npm run docs:openapi` writes from the contracts (regenerate it after changing a schema)", () => {
    expect(readFileSync(committed, "utf8")).toBe(openApiText());
  });

  it("refers only to components it defines", () => {
    const doc = buildOpenApiDocument();
    const refs = new Set([...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]));
    const defined = new Set(Object.keys(doc.components.schemas).map((name) => `#/components/schemas/${name}`));
    expect([...refs].filter((ref) => !defined.has(ref!))).toEqual([]);
  });
});

describe("the endpoint registry", () => {
  it("lists every route handler under app/api, once", () => {
    const keys = ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(routeHandlers());
  });

  it("matches a request to its endpoint by method and path", () => {
    expect(findEndpoint("get", "/api/v1/runs/0b0e/metrics")?.path).toBe("/api/v1/runs/{id}/metrics");
    expect(findEndpoint("GET", "/api/v1/runs/0b0e/metrics/csv")?.path).toBe("/api/v1/runs/{id}/metrics/csv");
    expect(findEndpoint("GET", "/api/v1/runs/series")?.path).toBe("/api/v1/runs/series");
    expect(findEndpoint("PUT", "/api/v1/runs/0b0e")).toBeUndefined();
    expect(findEndpoint("GET", "/api/v1/runs/a/b/c")).toBeUndefined();
  });

  it("answers errors with the error body and successes with the endpoint's schema", () => {
    const endpoint = findEndpoint("GET", "/api/v1/runs/x")!;
    expect(responseSpec(endpoint, 200)).toEqual({ json: runSchema });
    const error = responseSpec(endpoint, 404);
    expect(error && "json" in error && error.json.safeParse({ error: { code: "not_found", message: "No run", path: [] } }).success).toBe(true);
    expect(responseSpec(endpoint, 201)).toBeUndefined();
  });

  it("accepts non-finite values as the API spells them, and refuses other strings", () => {
    const page = findEndpoint("GET", "/api/v1/runs/x/metrics")!.responses[200]!;
    const body = (value: unknown) => ({
      run_id: "0b0e6f4e-3a4c-4f5e-9d3b-2a1c0e9f8d7c",
      x: "step",
      max_points: 10,
      series: [{ key: "loss", total: 1, sampled: false, points: [{ step: 0, value, time: 1, count: 1 }] }],
      total_keys: 1,
      offset: 0,
      next_offset: null,
    });
    if (!("json" in page)) throw new Error("expected a JSON response");
    for (const value of [1.5, "NaN", "Infinity", "-Infinity"]) expect(page.json.safeParse(body(value)).success).toBe(true);
    const drift = page.json.safeParse(body("nan"));
    expect(drift.success).toBe(false);
    expect(drift.error?.issues[0]?.path).toEqual(["series", 0, "points", 0, "value"]);
  });
});
