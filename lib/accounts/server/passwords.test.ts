import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, scryptCost, verifyPassword } from "./passwords";

const saved = process.env.PREFSCOPE_SCRYPT_COST;
afterEach(() => {
  if (saved === undefined) delete process.env.PREFSCOPE_SCRYPT_COST;
  else process.env.PREFSCOPE_SCRYPT_COST = saved;
});

describe("PREFSCOPE_SCRYPT_COST", () => {
  it("sets log2 N of new hashes within 10 to 20 (17 when unset); anything else is refused, naming the variable", () => {
    for (const [raw, cost] of [
      [undefined, 17],
      ["", 17],
      ["12", 12],
      ["10", 10],
      ["20", 20],
    ] as const) {
      if (raw === undefined) delete process.env.PREFSCOPE_SCRYPT_COST;
      else process.env.PREFSCOPE_SCRYPT_COST = raw;
      expect(scryptCost(), String(raw)).toBe(cost);
    }
    for (const raw of ["9", "21", "12.5", "x"]) {
      process.env.PREFSCOPE_SCRYPT_COST = raw;
      expect(() => scryptCost(), raw).toThrow(/PREFSCOPE_SCRYPT_COST/);
    }
  });

  // Three hashes at N = 2^17: seconds apiece on a busy machine.
  it("writes its cost into the hash, so a hash made at another cost still verifies", { timeout: 60_000 }, async () => {
    delete process.env.PREFSCOPE_SCRYPT_COST;
    const strong = await hashPassword("correct horse");
    expect(strong.split("$").slice(0, 4)).toEqual(["scrypt", String(2 ** 17), "8", "1"]);
    process.env.PREFSCOPE_SCRYPT_COST = "10";
    const cheap = await hashPassword("correct horse");
    expect(cheap.split("$").slice(0, 4)).toEqual(["scrypt", String(2 ** 10), "8", "1"]);
    // Verified under cost 10 although made at 17, and the other way round.
    expect(await verifyPassword("correct horse", strong)).toBe(true);
    expect(await verifyPassword("correct horsE", strong)).toBe(false);
    process.env.PREFSCOPE_SCRYPT_COST = "17";
    expect(await verifyPassword("correct horse", cheap)).toBe(true);
    expect(await verifyPassword("correct horsE", cheap)).toBe(false);
  });
});
