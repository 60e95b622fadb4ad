import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restrictToOwner } from "./owner-only";

const mode = (p: string) => statSync(p).mode & 0o777;

describe("restrictToOwner", () => {
  it("takes group and other bits off every folder and file, and leaves links and their targets alone", () => {
    const root = mkdtempSync(path.join(tmpdir(), "owner-only-"));
    const outside = path.join(root, "outside.txt");
    writeFileSync(outside, "x");
    chmodSync(outside, 0o644);
    const data = path.join(root, "db");
    mkdirSync(path.join(data, "base", "5"), { recursive: true });
    writeFileSync(path.join(data, "pg_hba.conf"), "x");
    writeFileSync(path.join(data, "base", "5", "1234"), "x");
    writeFileSync(path.join(data, "run.sh"), "x");
    chmodSync(path.join(data, "pg_hba.conf"), 0o666);
    chmodSync(path.join(data, "base", "5", "1234"), 0o640);
    chmodSync(path.join(data, "run.sh"), 0o777);
    chmodSync(path.join(data, "base"), 0o777);
    chmodSync(data, 0o755);
    symlinkSync(outside, path.join(data, "link"));

    restrictToOwner(data);

    expect(mode(data)).toBe(0o700);
    expect(mode(path.join(data, "base"))).toBe(0o700);
    expect(mode(path.join(data, "base", "5"))).toBe(0o700);
    expect(mode(path.join(data, "pg_hba.conf"))).toBe(0o600);
    expect(mode(path.join(data, "base", "5", "1234"))).toBe(0o600);
    expect(mode(path.join(data, "run.sh"))).toBe(0o700);
    expect(mode(outside)).toBe(0o644);
  });

  it("does nothing for a folder that is not there", () => {
    expect(() => restrictToOwner(path.join(tmpdir(), "no-such-folder-owner-only"))).not.toThrow();
  });
});
