import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./loopback";

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1:3000", "127.0.0.1", "127.8.9.10:80", "localhost:3000", "LOCALHOST", "app.localhost:3000", "[::1]:3000", "[::1]"])("accepts %s", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each([null, "", "0.0.0.0:3000", "10.0.0.1:3000", "evil.com", "127.0.0.1.evil.com", "localhost.evil.com:3000", "[::]:3000", "[2001:db8::1]:3000", "128.0.0.1"])(
    "refuses %s",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
