// Helpers of the dashboard fuzzers (fuzz-dashboard, fuzz-reports): cases per endpoint, JSON requests as the
// dashboard makes them, hostile path segments, and a path fuzzer that checks refused requests change nothing.
import fc from "fast-check";
import { expect } from "vitest";
import { describeOutcome, expectShares, type FuzzOutcome } from "./fuzz-runner";
import { expectWellFormed, fuzzParameters, fuzzRuns, send } from "./fuzz-support";

export const RUNS = fuzzRuns(350);
export const TIMEOUT = 60_000 + RUNS * 150;
export const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

export async function getJson(path: string): Promise<any> {
  const response = await send("GET", path, null, SAME_ORIGIN);
  expect(response.status, response.text).toBe(200);
  return JSON.parse(response.text);
}

export async function postJson(path: string, body: unknown): Promise<any> {
  const response = await send("POST", path, new TextEncoder().encode(JSON.stringify(body)), { ...SAME_ORIGIN, "content-type": "application/json" });
  expect(response.status, response.text).toBe(201);
  return JSON.parse(response.text);
}

/** Path segments: ids that exist, ids that do not, numbers past int4 and int8, bad escapes, encoded slashes. */
export function segment(real: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: real },
    { weight: 1, arbitrary: fc.nat().map(String) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        "0",
        "-1",
        "1.5",
        "1e3",
        "1e400",
        "99999999999",
        "2147483648",
        "9223372036854775808",
        "9007199254740993",
        "NaN",
        "Infinity",
        "-0",
        "%201",
        "0x10",
        "%00",
        "%ff",
        "%C0%AE",
        "abc",
        "%F0%9F%92%A5",
        "a".repeat(300),
        "%ED%A0%80",
        "%uD800",
        "%2F",
        "%5C",
      ),
    },
    // Not empty, "." or "..": those change which route the URL names (Next answers them, not PrefScope).
    {
      weight: 1,
      arbitrary: fc
        .string({ minLength: 1, maxLength: 10 })
        .filter((s) => s !== "." && s !== "..")
        .map(encodeURIComponent),
    },
  );
}

/**
 * Many requests to paths built from hostile segments: each answered with a 2xx or a 4xx error body; with `state`
 * (what the targets look like), a refused one must leave it as it was.
 */
export async function fuzzPaths(
  name: string,
  method: string,
  paths: fc.Arbitrary<string>,
  headers: fc.Arbitrary<Record<string, string | null>>,
  state?: () => Promise<string>,
  least = { accepted: 1 / RUNS, refused: 0.2 },
) {
  const outcome: FuzzOutcome = { accepted: new Set(), rejected: new Set(), statuses: new Map() };
  let next = 0;
  await fc.assert(
    fc.asyncProperty(paths, headers, async (path, h) => {
      const id = next++;
      const before = state ? await state() : null;
      const response = await send(method, path, null, h);
      const accepted = expectWellFormed(response, `${method} ${path}`);
      if (before !== null && !accepted) expect(await state!(), `${method} ${path} was refused (${response.status}) but changed something`).toBe(before);
      (accepted ? outcome.accepted : outcome.rejected).add(id);
      outcome.statuses.set(response.status, (outcome.statuses.get(response.status) ?? 0) + 1);
    }),
    fuzzParameters(RUNS),
  );
  console.log(describeOutcome(name, outcome));
  // Both kinds of answer happened: some requests did act (the real targets are reachable), some were refused and
  // were checked to have changed nothing. Shares stay loose: a target deleted once answers 404 from then on.
  expectShares(name, outcome, least);
}

export const name = fc.string({ minLength: 1, maxLength: 12 });
