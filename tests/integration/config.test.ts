// A setting that does not parse stops the server at start, naming the variable, before it opens the database; the
// code before lib/core/config.ts read PREFSCOPE_MAX_BODY_BYTES=32MB as NaN and served with no body limit at all.
import { describe, expect, it } from "vitest";
import { startApp } from "../support/app-server";

describe("environment settings", () => {
  it("refuses to start with a value that does not parse, naming the variable and the value", async () => {
    await expect(startApp({ env: { PREFSCOPE_MAX_BODY_BYTES: "32MB" } })).rejects.toThrow(
      /PrefScope cannot start: PREFSCOPE_MAX_BODY_BYTES: expected a positive integer, got "32MB"/,
    );
  });

  it("lists every bad value at once", async () => {
    await expect(startApp({ env: { PREFSCOPE_RATE_LIMIT_RPS: "fast", PREFSCOPE_LAB_QUEUE: "-1" } })).rejects.toThrow(
      /PREFSCOPE_RATE_LIMIT_RPS: expected a number ≥ 0, got "fast"; PREFSCOPE_LAB_QUEUE: expected an integer ≥ 0, got "-1"/,
    );
  });
});
