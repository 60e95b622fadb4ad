import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { hashSlots } from "./hash-slots";
import { setting } from "../../core/config";

// OWASP's scrypt floor (N = 2^17, r = 8, p = 1): 128 MiB and ~0.1–0.3 s per hash, which is what makes a stolen
// users table slow to attack. The parameters travel with each hash, so changing them later keeps old hashes valid.
export const DEFAULT_SCRYPT_COST = 17;
const KEY_LENGTH = 32;

/**
 * log2 N of new hashes: `PREFSCOPE_SCRYPT_COST` (10 to 20), else 17. Below 17 is for test suites, which hash
 * hundreds of passwords: the server refuses to start with it on a non-loopback HOST (lib/core/boot.ts).
 */
export function scryptCost(): number {
  return setting("PREFSCOPE_SCRYPT_COST");
}

/** One hash, taking its turn (see hash-slots: a burst of sign-ins must not take every worker thread). */
function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return hashSlots().run(
    () => new Promise<Buffer>((resolve, reject) => scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)))),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string, params = { N: 2 ** scryptCost(), r: 8, p: 1 }): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to verify against when the user does not exist, so sign-in takes as long either way. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  // A refusal (hashing busy) is not kept: the next sign-in makes the decoy again.
  decoy ??= hashPassword(randomBytes(16).toString("hex")).catch((error: unknown) => {
    decoy = undefined;
    throw error;
  });
  return decoy;
}
