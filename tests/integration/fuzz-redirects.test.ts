// Property-based fuzzing of the sign-in page's `next` redirect with control characters, whitespace, backslashes,
// slashes and their percent-escapes: whoever is signed in is redirected on the server, and the Location must stay
// on this origin; an anonymous visitor gets the page. Never a 5xx. Cases: PREFSCOPE_FUZZ_RUNS.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, sessionFrom, startOwnApp, type Credentials } from "../support/accounts";
import { fuzzParameters, fuzzRuns } from "./fuzz-support";

const RUNS = fuzzRuns(300);
const PASSWORD = "correct horse battery";

// What browsers strip or rewrite in URLs (tab, LF, CR; `\` as `/`), other controls and spaces, and the escapes
// of each, as they arrive at the page once the query string is decoded.
const PIECES = [
  "/",
  "//",
  "\\",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\u0000",
  "\u000b",
  "\u000c",
  "\u001f",
  "\u007f",
  "\u0085",
  " ",
  "\u00a0",
  "\u2028",
  "\u3000",
  "\ufeff",
  "\u200b",
  "\u202e",
  "%09",
  "%0a",
  "%0d",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%00",
  "%20",
  "%E3%80%80",
  "@",
  ":",
  ".",
  "..",
  "?",
  "#",
  "example.invalid",
  "http:",
  "https:",
  "javascript:",
  "evil.com",
  "p",
  "demo",
];

describe("fuzzing /login?next=", () => {
  let url: string;
  let stop: () => Promise<void>;
  let signedIn: Credentials;

  beforeAll(async () => {
    const own = await startOwnApp();
    url = own.app.url;
    stop = own.stop;
    const request = client(url);
    signedIn = sessionFrom(await request("POST", "/api/v1/auth/setup", { "sec-fetch-site": "same-origin" }, { username: "root", password: PASSWORD }));
  }, 300_000);
  afterAll(async () => stop?.());

  it("redirects a signed-in user only to this origin, and never fails", { timeout: 60_000 + RUNS * 200 }, async () => {
    const origin = new URL(url).origin;
    const next = fc
      .tuple(fc.constantFrom("/", "", "\t", " ", "\\"), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }))
      .map(([head, rest]) => head + rest.join(""));
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(next, fc.boolean(), async (value, asUser) => {
        const response = await fetch(`${url}/login?next=${encodeURIComponent(value)}`, { headers: asUser ? signedIn : {}, redirect: "manual" });
        await response.arrayBuffer();
        const what = `next=${JSON.stringify(value)} ${asUser ? "signed in" : "anonymous"}`;
        expect(response.status, what).toBeLessThan(500);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (!asUser) {
          expect(response.status, what).toBe(200);
          return;
        }
        expect(response.status, what).toBeGreaterThanOrEqual(300);
        const location = response.headers.get("location") ?? "";
        expect(location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\"), `${what} → ${location}`).toBe(true);
        expect(new URL(location, url).origin, `${what} → ${location}`).toBe(origin);
      }),
      fuzzParameters(RUNS),
    );
    console.log(`/login?next=: ${RUNS} cases (${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")})`);
  });
});
