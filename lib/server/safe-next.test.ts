import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/p/demo/tables?preset=scenario")).toBe("/p/demo/tables?preset=scenario");
    expect(safeNextPath(["/lab", "/x"])).toBe("/lab");
  });
  it.each([undefined, "", "https://evil.com", "//evil.com/x", "/\\evil.com", "javascript:alert(1)"])("sends %s home", (next) => {
    expect(safeNextPath(next)).toBe("/");
  });
});
