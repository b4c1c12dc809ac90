// Passwords are hashed with scrypt, a deliberately slow, memory-hard hash built into Node.
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

// N = 2^15 costs ~100 ms per hash on a server core. PASSWORD_HASH_COST lowers it for test runs only
// (each hash records its own parameters, so verification always uses the cost it was made with).
const PARAMS = { N: 1 << Math.min(20, Math.max(10, Number(process.env.PASSWORD_HASH_COST) || 15)), r: 8, p: 1 };
const KEY_LENGTH = 64;
const maxmem = 128 * PARAMS.N * PARAMS.r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...PARAMS, maxmem });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = stored?.split("$") ?? [];
  if (parts.length !== 6 || parts[0] !== "scrypt") {
    // Spend the same time on an unknown user as on a wrong password.
    await scrypt(password, crypto.randomBytes(16), KEY_LENGTH, { ...PARAMS, maxmem });
    return false;
  }
  const [, N, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash!, "base64");
  const actual = await scrypt(password, Buffer.from(salt!, "base64"), expected.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * Number(N) * Number(r) * 2,
  });
  return crypto.timingSafeEqual(actual, expected);
}
