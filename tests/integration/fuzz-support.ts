// Shared pieces of the HTTP fuzz tests (fuzz-*.test.ts): hostile values, mutations of valid bodies at the value
// and the byte level, and the one property every write endpoint must keep — a 4xx with an error body for bad
// input, a 2xx at most for input that is still valid, never a 5xx.
import fc from "fast-check";
import { expect } from "vitest";
import { baseUrl } from "./api-client";

export { mutateText, mutateValue, nastyValue, textMutation, toJsonText, valueMutation } from "../support/fuzz-values";

/** Cases per endpoint; CI may raise it (`PREFSCOPE_FUZZ_RUNS=2000`). */
export function fuzzRuns(fallback: number): number {
  const value = Number(process.env.PREFSCOPE_FUZZ_RUNS);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Content types: the right one most of the time, otherwise missing, wrong, oddly spelled or with parameters. */
export function contentTypeArb(right: string): fc.Arbitrary<string | null> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.constant(right) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        null,
        "",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        `${right.toUpperCase()}`,
        `${right}; charset=utf-8`,
        `${right}; charset=latin1`,
        "application/json, text/plain",
        "application/x-ndjson",
        "*/*",
        ";",
        "\u00e9/\u00e9",
      ),
    },
  );
}

export interface FuzzResponse {
  status: number;
  text: string;
}

export async function send(method: string, path: string, body: Uint8Array | null, headers: Record<string, string | null>): Promise<FuzzResponse> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== null) sent[name] = value;
  const response = await fetch(`${baseUrl()}${path}`, { method, headers: sent, body: body as BodyInit | null });
  return { status: response.status, text: await response.text() };
}

/** Never a 5xx; every 4xx carries `{error: {code, message}}`. Returns whether the request was accepted. */
export function expectWellFormed(response: FuzzResponse, what: string): boolean {
  if (response.status >= 500) expect.fail(`${what}: ${response.status} ${response.text.slice(0, 500)}`);
  if (response.status < 400) return true;
  let body: { error?: { code?: unknown; message?: unknown } } | null;
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    return expect.fail(`${what}: ${response.status} without a JSON error body: ${response.text.slice(0, 200)}`);
  }
  expect(typeof body?.error?.code, `${what}: ${response.text.slice(0, 300)}`).toBe("string");
  expect(typeof body?.error?.message, `${what}: ${response.text.slice(0, 300)}`).toBe("string");
  return false;
}

/** fast-check settings shared by every fuzz property: the seed and path are printed on failure. */
export const fuzzParameters = (numRuns: number) => ({ numRuns, endOnFailure: true, verbose: 0 as const });

/** A fresh project and write key, asked for the way the dashboard asks (same-origin), which creates the project. */
export async function newFuzzProject(prefix: string, scope: "write" | "read" = "write", project = `${prefix}-${crypto.randomUUID().slice(0, 8)}`) {
  const response = await fetch(`${baseUrl()}/api/v1/projects/${project}/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
    body: JSON.stringify({ name: "fuzz", scope }),
  });
  if (response.status !== 201) throw new Error(`key creation failed: ${response.status} ${await response.text()}`);
  return { project, key: ((await response.json()) as { key: string }).key };
}

/** The case numbers of the runs in a project whose names are `c<case>…` (as the fuzzers name them). */
export async function casesWithRuns(project: string, key: string, pattern = /^c(\d+)(?:-\d+)?$/): Promise<Set<number>> {
  const found = new Set<number>();
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const response = await fetch(`${baseUrl()}/api/v1/runs?project=${project}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`, { headers: { authorization: `Bearer ${key}` } });
    if (response.status !== 200) throw new Error(`listing ${project}'s runs: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { runs: { name: string }[]; next_cursor: string | null };
    for (const run of page.runs) {
      const id = pattern.exec(run.name)?.[1];
      if (id !== undefined) found.add(Number(id));
    }
    cursor = page.next_cursor;
  }
  return found;
}

export const expectNoneOf = (rejected: Set<number>, found: Set<number>, what: string) =>
  expect(
    [...found].filter((id) => rejected.has(id)),
    `${what}: rejected cases that wrote`,
  ).toEqual([]);
