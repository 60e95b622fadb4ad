// Property-based fuzzing of POST /api/v1/import over HTTP: multipart bodies with plausible, hostile and damaged
// files in every format, fields dropped, replaced, repeated or unknown, broken framing and wrong content types.
// Never a 5xx, and a rejected upload leaves no run behind. Cases: PREFSCOPE_FUZZ_RUNS.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { importFileBytes } from "../support/fuzz-files";
import { describeOutcome, expectShares, dashboardHeaders, type FuzzOutcome } from "./fuzz-runner";
import { casesWithRuns, expectNoneOf, expectWellFormed, fuzzParameters, fuzzRuns, nastyValue, newFuzzProject, send } from "./fuzz-support";

const RUNS = fuzzRuns(1000);
const encoder = new TextEncoder();

type Format = "jsonl" | "csv" | "trainer_state" | "tensorboard";
// Each names its run c<case> (or c<case>-<file>), as the `name` field does, so a run can be traced to its case.
const FILE_NAMES: Record<Format, (id: number, i: number) => string> = {
  jsonl: (id, i) => `c${id}${i ? `-${i}` : ""}.jsonl`,
  csv: (id, i) => `c${id}${i ? `-${i}` : ""}.csv`,
  trainer_state: (id, i) => `c${id}${i ? `-${i}` : ""}/trainer_state.json`,
  tensorboard: (id, i) => `c${id}/events.out.tfevents.170000000${i}.host`,
};

const fileArb = fc.constantFrom<Format>("jsonl", "csv", "trainer_state", "tensorboard").chain((format) =>
  fc.record({
    format: fc.constant(format),
    bytes: importFileBytes(format),
    renamed: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(".bin", "", ".json", ".txt") }),
  }),
);

const fieldValue = fc.oneof(
  nastyValue.map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""))),
  fc.string({ maxLength: 8 }),
);
const FIELD_NAMES = ["project", "name", "config", "algorithm", "group", "file"];

type FieldMutation =
  | { kind: "none" }
  | { kind: "drop"; field: string }
  | { kind: "replace"; field: string; value: string }
  | { kind: "add"; field: string; value: string }
  | { kind: "file-as-text"; value: string }
  | { kind: "no-files" };

const fieldMutation: fc.Arbitrary<FieldMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop" as const), field: fc.constantFrom(...FIELD_NAMES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("replace" as const), field: fc.constantFrom(...FIELD_NAMES.slice(0, 5)), value: fieldValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("add" as const), field: fc.oneof(fc.constantFrom(...FIELD_NAMES, "x", "", 'a"b', "\u0000")), value: fieldValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("file-as-text" as const), value: fieldValue }) },
  { weight: 1, arbitrary: fc.constant({ kind: "no-files" as const }) },
);

type Framing = { kind: "none" } | { kind: "truncate"; at: number } | { kind: "bytes"; at: number; bytes: Uint8Array } | { kind: "no-final-boundary" };
const framing: fc.Arbitrary<Framing> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("bytes" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "no-final-boundary" as const }) },
);

const BOUNDARY = "fuzzBoundary7MA4YWxkTrZu0gW";
const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant(`multipart/form-data; boundary=${BOUNDARY}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      "application/json",
      "multipart/form-data",
      `multipart/form-data; boundary=other`,
      `multipart/mixed; boundary=${BOUNDARY}`,
      `application/x-www-form-urlencoded`,
      "text/plain",
    ),
  },
);

interface Part {
  name: string;
  value: string | Uint8Array;
  filename?: string;
}

function multipart(parts: Part[], finalBoundary: boolean): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
    const type = part.filename === undefined ? "" : "Content-Type: application/octet-stream\r\n";
    chunks.push(encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(typeof part.value === "string" ? encoder.encode(part.value) : part.value, encoder.encode("\r\n"));
  }
  if (finalBoundary) chunks.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function damageFraming(body: Uint8Array, how: Framing): Uint8Array {
  if (how.kind === "truncate") return body.subarray(0, Math.floor(how.at * body.length));
  if (how.kind !== "bytes") return body;
  const cut = Math.floor(how.at * body.length);
  return new Uint8Array([...body.subarray(0, cut), ...how.bytes, ...body.subarray(cut)]);
}

describe("fuzzing POST /api/v1/import", () => {
  let project: string;
  let key: string;

  beforeAll(async () => {
    ({ project, key } = await newFuzzProject("fuzz-import"));
  });

  it("answers every upload with a 2xx or a 4xx error body, and a rejected upload creates no run", { timeout: 60_000 + RUNS * 200 }, async () => {
    const outcome: FuzzOutcome = { accepted: new Set(), rejected: new Set(), statuses: new Map() };
    let next = 0;
    const cases = fc.record({
      files: fc.array(fileArb, { minLength: 1, maxLength: 2 }),
      config: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((c) => JSON.stringify(c))),
      algorithm: fc.option(fc.constantFrom("dpo", "ipo")),
      mutation: fieldMutation,
      framing,
      type: contentType,
      headers: dashboardHeaders(key),
    });
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const id = next++;
        let parts: Part[] = [
          { name: "project", value: project },
          { name: "name", value: `c${id}` },
          ...(c.config === null ? [] : [{ name: "config", value: c.config }]),
          ...(c.algorithm === null ? [] : [{ name: "algorithm", value: c.algorithm }]),
          ...c.files.map((f, i) => ({ name: "file", value: f.bytes, filename: f.renamed === null ? FILE_NAMES[f.format](id, i) : `c${id}-${i}${f.renamed}` })),
        ];
        const m = c.mutation;
        if (m.kind === "drop") parts = parts.filter((p) => p.name !== m.field);
        if (m.kind === "replace") parts = parts.map((p) => (p.name === m.field ? { name: p.name, value: m.value } : p));
        if (m.kind === "add") parts.push({ name: m.field, value: m.value });
        if (m.kind === "file-as-text") parts.push({ name: "file", value: m.value });
        if (m.kind === "no-files") parts = parts.filter((p) => p.name !== "file");
        const body = damageFraming(multipart(parts, c.framing.kind !== "no-final-boundary"), c.framing);
        const response = await send("POST", "/api/v1/import", body, { ...c.headers, "content-type": c.type });
        const accepted = expectWellFormed(response, `import case ${id}`);
        (accepted ? outcome.accepted : outcome.rejected).add(id);
        outcome.statuses.set(response.status, (outcome.statuses.get(response.status) ?? 0) + 1);
      }),
      fuzzParameters(RUNS),
    );
    console.log(describeOutcome("POST /api/v1/import", outcome));
    expectShares("POST /api/v1/import", outcome);
    expectNoneOf(outcome.rejected, await casesWithRuns(project, key), "import");
    expect(outcome.accepted.size).toBeGreaterThan(0);
  });
});
