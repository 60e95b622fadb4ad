import type { z } from "zod";
import { responseSpec } from "./endpoint";
import { findEndpoint } from "./find-endpoint";

export interface CheckedResponse {
  method: string;
  /** The request's URL path, without the query. */
  pathname: string;
  status: number;
  contentType: string | null;
  /** The body as text; only read for JSON responses. */
  text: () => Promise<string>;
}

const MAX_ISSUES = 5;

/**
 * How a response differs from the contract of its endpoint, in words naming the failing path; [] when it matches,
 * or when the registry has no endpoint for the request (an unknown route answers Next.js' own 404/405).
 */
export async function contractDrift(response: CheckedResponse): Promise<string[]> {
  const endpoint = findEndpoint(response.method, response.pathname);
  if (!endpoint) return [];
  const where = `${endpoint.method} ${endpoint.path} → ${response.status}`;
  const spec = responseSpec(endpoint, response.status);
  if (!spec) return [`${where}: status ${response.status} is not in the contract (it lists ${Object.keys(endpoint.responses).join(", ")})`];
  const type = (response.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if ("empty" in spec) {
    const text = await response.text();
    return text === "" ? [] : [`${where}: expected no body, got ${text.length} characters`];
  }
  if ("contentType" in spec) return type === spec.contentType ? [] : [`${where}: expected content-type ${spec.contentType}, got ${type || "none"}`];
  if ("ndjson" in spec) return ndjsonDrift(where, type, spec.ndjson, await response.text());
  if (type !== "application/json") return [`${where}: expected content-type application/json, got ${type || "none"}`];
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch (error) {
    return [`${where}: the body is not JSON (${error instanceof Error ? error.message : String(error)})`];
  }
  return schemaDrift(where, spec.json, body);
}

function schemaDrift(where: string, schema: z.ZodType, body: unknown): string[] {
  const checked = schema.safeParse(body);
  if (checked.success) return [];
  return checked.error.issues.slice(0, MAX_ISSUES).map((issue) => `${where}: at ${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
}

/** A streamed answer: every non-empty line a JSON value the line schema describes. */
function ndjsonDrift(where: string, type: string, line: z.ZodType, text: string): string[] {
  if (type !== "application/x-ndjson") return [`${where}: expected content-type application/x-ndjson, got ${type || "none"}`];
  const found: string[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    if (raw.trim() === "" || found.length >= MAX_ISSUES) continue;
    try {
      found.push(...schemaDrift(`${where} line ${index + 1}`, line, JSON.parse(raw)));
    } catch (error) {
      found.push(`${where} line ${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return found;
}
