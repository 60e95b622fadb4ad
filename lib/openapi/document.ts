import { z } from "zod";
import { COMPONENTS } from "./components";
import type { Endpoint, ResponseSpec } from "./endpoint";
import { ENDPOINTS } from "./endpoints";
import { metricValuesSchema } from "../metrics/contract";

type JsonSchema = Record<string, unknown>;

const SCHEMAS = "#/components/schemas/";

/** A schema's JSON Schema as the client sends or reads it: `io: "input"` is the wire form (NaN as "NaN"). */
const OPTIONS = { io: "input", unrepresentable: "any", target: "draft-2020-12", override: describeCustom } as const;

/** `{name: value}` of a metric row is checked by hand (a null-prototype object): its JSON Schema is written here. */
function describeCustom(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  if (ctx.zodSchema !== metricValuesSchema && ctx.zodSchema !== metricValuesSchema.in) return;
  Object.assign(ctx.jsonSchema, {
    type: "object",
    description: "metric name (1–256 characters) → value",
    additionalProperties: { anyOf: [{ type: "number" }, { type: "string", enum: ["NaN", "Infinity", "-Infinity"] }] },
  });
}

/** Every request and response schema once, named: COMPONENTS' names first, the others after their first endpoint. */
function nameSchemas(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(COMPONENTS)) names.set(schema, name);
  for (const endpoint of ENDPOINTS) {
    const base = operationId(endpoint);
    const add = (schema: z.ZodType | undefined, suffix: string) => {
      if (schema && !names.has(schema)) names.set(schema, `${base[0]!.toUpperCase()}${base.slice(1)}${suffix}`);
    };
    add(endpoint.body, "Body");
    add(endpoint.multipart, "Form");
    for (const [status, spec] of Object.entries(endpoint.responses)) {
      if ("json" in spec) add(spec.json, `Response${status}`);
      if ("ndjson" in spec) add(spec.ndjson, `Line${status}`);
    }
  }
  return names;
}

/** `GET /api/v1/runs/{id}/metrics` → `getRunsIdMetrics`. */
function operationId(endpoint: Endpoint): string {
  const words = endpoint.path
    .replace(/^\/api\/(v1\/)?/, "")
    .split(/[/{}-]+/)
    .filter(Boolean);
  return [endpoint.method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join("");
}

/**
 * zod writes schemas shared by several components (recursive ones) under `__shared#/$defs/…`, which is no JSON
 * pointer inside an OpenAPI document: they become components of their own.
 */
function hoistShared(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const shared = (schemas.__shared?.$defs ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(schemas)) if (name !== "__shared") out[name] = schema;
  for (const [name, schema] of Object.entries(shared)) out[`Shared_${name}`] = schema;
  const text = JSON.stringify(out, dropNoise);
  return JSON.parse(text.replaceAll(`${SCHEMAS}__shared#/$defs/`, `${SCHEMAS}Shared_`)) as Record<string, JsonSchema>;
}

/** `$schema`/`$id` belong to standalone documents; a date-time's 400-character pattern restates its `format`. */
function dropNoise(this: unknown, key: string, value: unknown): unknown {
  if (key === "$schema" || key === "$id") return undefined;
  if (key === "pattern" && (this as JsonSchema).format === "date-time") return undefined;
  return value;
}

function queryParameters(schema: z.ZodType | undefined) {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, OPTIONS) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: json.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1]!, in: "path", required: true, schema: { type: "string" } }));
}

function responseObject(spec: ResponseSpec, names: Map<z.ZodType, string>, description: string) {
  if ("empty" in spec) return { description };
  if ("contentType" in spec) return { description, content: { [spec.contentType]: { schema: { type: "string" } } } };
  if ("ndjson" in spec) {
    const lines = `${description}: newline-delimited JSON, streamed; each line is one ${names.get(spec.ndjson)}`;
    return { description: lines, content: { "application/x-ndjson": { schema: { $ref: `${SCHEMAS}${names.get(spec.ndjson)}` } } } };
  }
  return { description, content: { "application/json": { schema: { $ref: `${SCHEMAS}${names.get(spec.json)}` } } } };
}

/** The OpenAPI 3.1 document of the API, generated from the contracts' zod schemas (`npm run docs:openapi` writes it). */
export function buildOpenApiDocument() {
  const names = nameSchemas();
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of names) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { ...OPTIONS, uri: (id) => `${SCHEMAS}${id}` }) as { schemas: Record<string, JsonSchema> };
  const schemas = hoistShared(generated.schemas);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(endpoint.responses)) responses[status] = responseObject(spec, names, status === "204" ? "No content" : "Success");
    const error = { description: "The error body: code, message and the path of the failing field", content: { "application/json": { schema: { $ref: `${SCHEMAS}ErrorBody` } } } };
    responses["4XX"] = error;
    responses["5XX"] = error;
    const body = endpoint.body ?? endpoint.multipart;
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = {
      operationId: operationId(endpoint),
      summary: endpoint.summary,
      tags: [endpoint.tag],
      parameters: [...pathParameters(endpoint.path), ...queryParameters(endpoint.query)],
      ...(body
        ? { requestBody: { required: true, content: { [endpoint.multipart ? "multipart/form-data" : "application/json"]: { schema: { $ref: `${SCHEMAS}${names.get(body)}` } } } } }
        : {}),
      responses,
    };
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "PrefScope API",
      version: "1",
      description:
        'Generated from the zod schemas in lib/<domain>/contract.ts (lib/openapi/endpoints.ts lists the endpoints); see docs/api.md for the rules every endpoint keeps. NaN and ±Infinity travel as the strings "NaN", "Infinity", "-Infinity".',
    },
    security: [{ apiKey: [] }, { session: [] }, {}],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A project API key: `Authorization: Bearer ps_…`" },
        session: { type: "apiKey", in: "cookie", name: "prefscope_session", description: "The dashboard's session; changes also need the CSRF header" },
      },
      schemas,
    },
  };
}

/** The document as the committed file holds it. */
export function openApiText(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
