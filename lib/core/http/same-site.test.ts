import { describe, expect, it } from "vitest";
import { fromThisSite } from "./same-site";

const req = (headers: Record<string, string>) => ({ method: "POST", headers: new Headers({ host: "127.0.0.1:3000", ...headers }) });

describe("fromThisSite", () => {
  it("believes Sec-Fetch-Site when a browser sends it", () => {
    expect(fromThisSite(req({ "sec-fetch-site": "same-origin", origin: "http://evil.example" }))).toBe(true);
    expect(fromThisSite(req({ "sec-fetch-site": "none" }))).toBe(true);
    expect(fromThisSite(req({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(fromThisSite(req({ "sec-fetch-site": "same-site" }))).toBe(false);
  });

  it("without it, needs Origin (when sent) to name this host", () => {
    expect(fromThisSite(req({}))).toBe(true);
    expect(fromThisSite(req({ origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(fromThisSite({ method: "POST", headers: new Headers({ host: "example.com:443", origin: "https://example.com" }) })).toBe(true);
    expect(fromThisSite(req({ origin: "http://proxy.example", "x-forwarded-host": "proxy.example" }))).toBe(true);
    for (const origin of [
      "http://evil.example",
      "null",
      "http://localhost:3000",
      "http://127.0.0.1:3001",
      "file://",
      "http://127.0.0.1.evil.example:3000",
      "chrome-extension://abc",
      "",
    ]) {
      expect(fromThisSite(req({ origin })), origin).toBe(false);
    }
  });
});
