// Drives one write endpoint through fast-check: each case is a valid body (tagged with the case's number, so
// what it wrote can be found afterwards), a value mutation, a byte mutation, a content type and credentials.
import fc from "fast-check";
import { expect } from "vitest";
import { contentTypeArb, expectWellFormed, fuzzParameters, mutateText, mutateValue, send, textMutation, toJsonText, valueMutation, type FuzzResponse } from "./fuzz-support";

export interface FuzzTarget<T> {
  name: string;
  method: string;
  /** Valid bodies; `render` turns one into the body of case `id` (unique names, steps or batch ids). */
  valid: fc.Arbitrary<T>;
  render: (valid: T, id: number) => unknown;
  path: (id: number) => string;
  contentType?: string;
  /** Serialises the (mutated) value; JSON by default. */
  serialize?: (value: unknown) => string;
  /** Credentials, the right ones most of the time. */
  headers: fc.Arbitrary<Record<string, string | null>>;
  /** Called after each case, e.g. to check a rejected case changed nothing. */
  after?: (id: number, accepted: boolean, response: FuzzResponse) => Promise<void>;
}

export interface FuzzOutcome {
  accepted: Set<number>;
  rejected: Set<number>;
  statuses: Map<number, number>;
}

/** Runs `numRuns` cases against the endpoint; fails on a 5xx or a 4xx without an error body. */
export async function fuzzEndpoint<T>(target: FuzzTarget<T>, numRuns: number): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { accepted: new Set(), rejected: new Set(), statuses: new Map() };
  let next = 0;
  const contentType = target.contentType ?? "application/json";
  const cases = fc.record({ valid: target.valid, value: valueMutation, text: textMutation, type: contentTypeArb(contentType), headers: target.headers });
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const id = next++;
      // Every fourth case is the valid body itself, as the right content type: a share of the cases must be
      // accepted, so the fuzzer exercises the writes it checks, not only the refusals.
      const clean = id % 4 === 0;
      const value = clean ? target.render(c.valid, id) : mutateValue(target.render(c.valid, id), c.value);
      const body = mutateText((target.serialize ?? toJsonText)(value), clean ? { kind: "none" } : c.text);
      const response = await send(target.method, target.path(id), body, { ...c.headers, "content-type": clean ? contentType : c.type });
      const accepted = expectWellFormed(response, `${target.name} case ${id}`);
      (accepted ? outcome.accepted : outcome.rejected).add(id);
      outcome.statuses.set(response.status, (outcome.statuses.get(response.status) ?? 0) + 1);
      await target.after?.(id, accepted, response);
    }),
    fuzzParameters(numRuns),
  );
  return outcome;
}

/** Header sets for an API-key route: the key most of the time, else none, a wrong one, or a malformed header. */
export function keyHeaders(key: string, readKey?: string): fc.Arbitrary<Record<string, string | null>> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant({ authorization: `Bearer ${key}` }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, string | null>>(
        {},
        { authorization: "Bearer ps_nope" },
        { authorization: `Basic ${key}` },
        { authorization: "Bearer" },
        { authorization: `Bearer ${key} extra` },
        ...(readKey ? [{ authorization: `Bearer ${readKey}` }] : []),
      ),
    },
  );
}

/** Header sets for a dashboard route: the browser's same-origin mark, a key, or neither. */
export function dashboardHeaders(key: string): fc.Arbitrary<Record<string, string | null>> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant({ "sec-fetch-site": "same-origin" }) },
    { weight: 4, arbitrary: fc.constant({ authorization: `Bearer ${key}` }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Record<string, string | null>>({}, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-origin", authorization: "Bearer ps_nope" }),
    },
  );
}

/** Summarises an outcome for the test log: how many cases, how many accepted and refused, and the statuses. */
export function describeOutcome(name: string, outcome: FuzzOutcome): string {
  const statuses = [...outcome.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  return `${name}: ${outcome.accepted.size + outcome.rejected.size} cases, ${outcome.accepted.size} accepted, ${outcome.rejected.size} refused (${statuses})`;
}

/**
 * A fuzzer that refused everything would still find "a refused write changes nothing" true: each must have had
 * a share of its cases accepted (the valid bodies it mutates reach the endpoint) and a share refused.
 */
export function expectShares(name: string, outcome: FuzzOutcome, least = { accepted: 0.15, refused: 0.2 }): void {
  const total = outcome.accepted.size + outcome.rejected.size;
  const what = describeOutcome(name, outcome);
  expect(outcome.accepted.size, `${what}: under ${least.accepted * 100}% accepted`).toBeGreaterThanOrEqual(Math.ceil(least.accepted * total));
  expect(outcome.rejected.size, `${what}: under ${least.refused * 100}% refused`).toBeGreaterThanOrEqual(Math.ceil(least.refused * total));
}
