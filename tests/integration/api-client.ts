import { randomUUID } from "node:crypto";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { key?: string; body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A fresh project with a write key: tests never share rows. */
export async function newProject(prefix = "it"): Promise<{ project: string; key: string }> {
  const project = `${prefix}-${randomUUID().slice(0, 8)}`;
  const created = await call("POST", `/api/v1/projects/${project}/keys`, { body: { name: "test" } });
  if (created.status !== 201) throw new Error(`key creation failed: ${JSON.stringify(created.body)}`);
  return { project, key: created.body.key };
}

export async function newRun(project: string, key: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await call("POST", "/api/v1/runs", { key, body: { project, name: "run", ...extra } });
  if (created.status !== 201) throw new Error(`run creation failed: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

export async function readSeries(runId: string, key: string, query = "") {
  const response = await call("GET", `/api/v1/runs/${runId}/metrics?keys=${encodeURIComponent(key)}${query}`);
  return response.body.series[0] as {
    key: string;
    total: number;
    sampled: boolean;
    points: { step: number; value: number | string; count: number; time: number; bucket?: number }[];
  };
}
