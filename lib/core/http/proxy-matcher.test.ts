import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const [, bodiless, malformed] = config.matcher as [string, { source: string; missing: { key: string; value?: string }[] }, { source: string }];
/** The third matcher's pattern, as Next.js compiles it: `/api/` and then the custom group. */
const malformedPath = new RegExp(`^/api/${/^\/api\/:path\((.*)\)$/.exec(malformed.source)![1]}$`);

const decodes = (path: string) => {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
};

const hex = (byte: number) => `%${byte.toString(16).padStart(2, "0")}`;
const piece = fc.oneof(
  fc.constantFrom("a", "/", "%", "%2", "%g1", "%uD800", "é", "%25", "%41"),
  fc.integer({ min: 0, max: 255 }).map(hex),
  fc.integer({ min: 0, max: 255 }).map((b) => hex(b).toUpperCase()),
  fc.integer({ min: 0x80, max: 0xbf }).map(hex),
  fc.integer({ min: 0xc0, max: 0xff }).map(hex),
);

describe("proxy.ts matcher", () => {
  it("sends an API path to the proxy exactly when decodeURIComponent cannot decode it", () => {
    for (const path of ["%ff", "%C0%AE", "%ED%A0%80", "%E0%A4%A", "%uD800", "x%", "runs/%F4%90%80%80"]) expect(malformedPath.test(`/api/${path}`), path).toBe(true);
    for (const path of ["v1/runs/1/metrics", "%F0%9F%92%A5", "%C3%A9", "%ED%9F%BF", "%EF%BF%BF", "%F4%8F%BF%BF", "%2F%00"])
      expect(malformedPath.test(`/api/${path}`), path).toBe(false);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const path = pieces.join("");
        expect(malformedPath.test(`/api/${path}`), path).toBe(!decodes(path));
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps the proxy away from API requests with a body: a positive Content-Length or any Transfer-Encoding", () => {
    const [length, encoding] = bodiless.missing;
    expect([length!.key, encoding!.key, encoding!.value]).toEqual(["content-length", "transfer-encoding", undefined]);
    const positive = new RegExp(`^${length!.value}$`);
    for (const value of ["1", "10485761", "007", "33554433"]) expect(positive.test(value), value).toBe(true);
    for (const value of ["0", "00", "", "-1"]) expect(positive.test(value), value).toBe(false);
  });
});
