import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

const BASE = "http://site.test";

/** Where a browser would land following `path` from this site. */
const landing = (path: string) => new URL(path, BASE).origin;

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/p/demo/tables?preset=scenario")).toBe("/p/demo/tables?preset=scenario");
    expect(safeNextPath("/p/demo/runs/1#charts")).toBe("/p/demo/runs/1#charts");
    expect(safeNextPath("/p/a%20b?q=name%20%3D%20%22x%22")).toBe("/p/a%20b?q=name%20%3D%20%22x%22");
    expect(safeNextPath(["/lab", "/x"])).toBe("/lab");
  });

  const hostile = [
    undefined,
    null,
    "",
    "https://evil.com",
    "//evil.com/x",
    "/\\evil.com",
    "\\\\evil.com",
    "javascript:alert(1)",
    // Browsers strip ASCII tab, LF and CR anywhere in a URL: each of these is `//example.invalid` to them.
    "/\t/example.invalid",
    "/\n/example.invalid",
    "/\r/example.invalid",
    "/\r\n/example.invalid",
    "\t//example.invalid",
    " //example.invalid",
    "/ /example.invalid",
    "/\u000b/example.invalid",
    "/\u000c/example.invalid",
    "/\u0000/example.invalid",
    "/\u001f/example.invalid",
    "/\u007f/example.invalid",
    "/\u0085/example.invalid",
    "/\u00a0/example.invalid",
    "/\u2028/example.invalid",
    "/\u3000/example.invalid",
    "/\ufeff/example.invalid",
    "/\u200b/example.invalid",
    "/\u202e/example.invalid",
    "/\\/example.invalid",
    "/\\\\example.invalid",
    "/\t\\example.invalid",
    "/p\nLocation: https://evil.com",
    "/.//example.invalid",
    "/..//example.invalid",
    "http:/example.invalid",
    "https:example.invalid",
    "/x".padEnd(3000, "x"),
  ];
  it.each(hostile.map((n) => [(JSON.stringify(n) ?? "undefined").slice(0, 40), n]))("sends %s home", (_label, next) => {
    expect(safeNextPath(next as string | undefined)).toBe("/");
  });

  it("never answers a path that leaves the site, whatever it is given", () => {
    const pieces = ["/", "//", "\\", "\t", "\n", "\r", " ", "%09", "%0a", "%2f", "%5c", "%2F%2F", "@", ":", ".", "..", "evil.com", "\u00a0", "\u3000", "?", "#", "http:", "%00"];
    let tried = 0;
    for (const a of pieces) {
      for (const b of pieces) {
        for (const c of pieces) {
          const next = `/${a}${b}${c}`;
          const answer = safeNextPath(next);
          expect(answer.startsWith("/") && !answer.startsWith("//"), JSON.stringify(next)).toBe(true);
          expect(landing(answer), JSON.stringify(next)).toBe(BASE);
          tried++;
        }
      }
    }
    expect(tried).toBe(pieces.length ** 3);
  });

  it("keeps percent-escapes escaped: a decoded `%2F%2F` is still a path, not a host", () => {
    for (const next of ["/%2F%2Fexample.invalid", "/%09/example.invalid", "/%5Cexample.invalid", "/%0d%0aSet-Cookie:x=1"]) {
      const answer = safeNextPath(next);
      expect(answer, next).toBe(next);
      expect(landing(answer)).toBe(BASE);
    }
  });
});
