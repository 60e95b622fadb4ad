import { describe, expect, it } from "vitest";
import { StorableFilter } from "@/lib/importers/storable";
import { jsonObject } from "./text";

describe("jsonObject", () => {
  it("refuses NUL anywhere, an own __proto__ key's value included (zod's copy leaves that key out)", () => {
    const proto = JSON.parse('{"__proto__": "a\\u0000b", "x": 1}') as Record<string, unknown>;
    const result = jsonObject().safeParse(proto);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["__proto__"]);
    expect(jsonObject().safeParse({ a: [{ b: "c\u0000" }] }).error?.issues[0]?.path).toEqual(["a", 0, "b"]);
    expect(jsonObject().safeParse({ a: "fine", b: [1, "two"] }).success).toBe(true);
  });

  it("an importer's config keeps no unstorable entry, under __proto__ either (a 500 on Postgres the import fuzzer found)", () => {
    const config = JSON.parse('{"step": "%00", "__proto__": "a\\u0000b", "global_step": 3}') as Record<string, unknown>;
    const out = new StorableFilter().apply({ rows: [], problems: [], config });
    expect(Object.entries(out.config!)).toEqual([
      ["step", "%00"],
      ["global_step", 3],
    ]);
    expect(out.problems).toEqual([{ message: expect.stringMatching(/^config entry "__proto__" cannot be stored/) }]);
  });
});
