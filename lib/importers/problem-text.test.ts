import { describe, expect, it } from "vitest";
import { describeProblem, isLfsPointer } from "./problem-text";

describe("describeProblem", () => {
  it("names the file and the line, record or offset", () => {
    expect(describeProblem({ file: "log.jsonl", line: 12, message: "not JSON" })).toBe("log.jsonl line 12: not JSON");
    expect(describeProblem({ file: "events.out.tfevents.1", record: 3, offset: 1024, message: "bad crc" })).toBe("events.out.tfevents.1 record 3 (offset 1024): bad crc");
    expect(describeProblem({ offset: 77, message: '"x" is not valid JSON' })).toBe('offset 77: "x" is not valid JSON');
    expect(describeProblem({ message: "no rows" })).toBe("no rows");
  });
});

describe("isLfsPointer", () => {
  const encode = (s: string) => new TextEncoder().encode(s);
  it("recognises a pointer file and nothing else", () => {
    expect(isLfsPointer(encode("version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n"))).toBe(true);
    expect(isLfsPointer(encode('{"version": "https://git-lfs.github.com/spec/v1"}'))).toBe(false);
    expect(isLfsPointer(encode("version https://git-lfs"))).toBe(false);
  });
});
