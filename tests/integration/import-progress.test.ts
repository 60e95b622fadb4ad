// The streamed answer of POST /api/v1/import (Accept: application/x-ndjson): progress lines while it decodes and
// stores, then the same result a plain request gets, or the error it would have got. Every line is checked against
// importStreamLineSchema by the suite's contract check.
import { describe, expect, it } from "vitest";
import { baseUrl, call, newProject } from "./api-client";

const STEPS = 60_000;

/** A few MB of JSONL: enough rows for several of the importer's 2,000-row writes. */
function largeJsonl(): Uint8Array {
  const lines = Array.from({ length: STEPS }, (_, step) => JSON.stringify({ step, loss: 1 / (step + 1), "rewards/margins": Math.sin(step), "logps/chosen": -step / 7 }));
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

async function upload(project: string, key: string, file: { name: string; bytes: Uint8Array | string }, accept?: string) {
  const form = new FormData();
  form.set("project", project);
  form.append("file", new Blob([file.bytes as BlobPart]), file.name);
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(accept ? { accept } : {}) };
  return fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers });
}

async function streamedLines(response: Response): Promise<any[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/x-ndjson");
  const text = await response.text();
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

/** What a result says of its run, without what differs between two imports of the same file (ids, times, project). */
function comparable(result: any) {
  return result.runs.map((r: any) => ({
    format: r.format,
    rows: r.rows,
    problems: r.problems,
    problem_count: r.problem_count,
    name: r.run.name,
    status: r.run.status,
    config: r.run.config,
  }));
}

describe("POST /api/v1/import with Accept: application/x-ndjson", () => {
  it("streams progress with non-decreasing bytes and rows, then the same result as the plain answer", { timeout: 180_000 }, async () => {
    const bytes = largeJsonl();
    expect(bytes.length).toBeGreaterThan(4_000_000);
    const plainProject = await newProject("prog");
    const plain = await upload(plainProject.project, plainProject.key, { name: "large.jsonl", bytes });
    expect(plain.status).toBe(201);
    const plainResult = await plain.json();

    const { project, key } = await newProject("prog");
    const lines = await streamedLines(await upload(project, key, { name: "large.jsonl", bytes }, "application/x-ndjson"));
    const progress = lines.slice(0, -1).map((line) => line.progress);
    expect(progress.every(Boolean)).toBe(true);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    // The first line comes before the decoding: only the bytes read to recognise the format are counted by then.
    expect(progress[0].bytes).toBeLessThan(bytes.length);
    expect(progress[0].rows).toBe(0);
    for (const [i, p] of progress.entries()) {
      expect(p.total_bytes).toBe(bytes.length);
      if (i === 0) continue;
      expect(p.bytes).toBeGreaterThanOrEqual(progress[i - 1].bytes);
      expect(p.rows).toBeGreaterThanOrEqual(progress[i - 1].rows);
    }
    const result = lines.at(-1);
    expect(progress.at(-1)).toEqual({ bytes: bytes.length, total_bytes: bytes.length, rows: result.runs[0].rows });
    expect(result.runs[0].rows).toBe(STEPS);
    expect(comparable(result)).toEqual(comparable(plainResult));
    const runs = await call("GET", `/api/v1/runs?project=${project}`);
    expect(runs.body.runs.map((r: { id: string }) => r.id)).toEqual([result.runs[0].run.id]);
  });

  it("ends with the error line, status included, when the import fails after the answer began, and keeps no run", async () => {
    const { project, key } = await newProject("prog");
    const columns = Array.from({ length: 10_001 }, (_, i) => `c/${i}`);
    const csv = `step,${columns.join(",")}\n0,${columns.map((_, i) => i).join(",")}\n`;
    const lines = await streamedLines(await upload(project, key, { name: "wide.csv", bytes: csv }, "application/x-ndjson"));
    expect(lines[0]).toEqual({ progress: { bytes: expect.any(Number), total_bytes: csv.length, rows: 0 } });
    expect(lines.at(-1)).toMatchObject({ status: 422, error: { code: "invalid_body", path: ["file"] } });
    expect(lines.slice(1, -1).every((line) => "progress" in line)).toBe(true);
    const runs = await call("GET", `/api/v1/runs?project=${project}`);
    expect(runs.body.runs).toEqual([]);
  });

  it("answers what is wrong before any work begins with the plain status and error body", async () => {
    const { project, key } = await newProject("prog");
    const refused = await upload(project, key, { name: "notes.txt", bytes: "hello" }, "application/x-ndjson");
    expect(refused.status).toBe(415);
    expect(refused.headers.get("content-type")).toBe("application/json");
    expect((await refused.json()).error.path).toEqual(["file"]);
  });
});
