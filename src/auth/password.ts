// Passwords are hashed with scrypt, a deliberately slow, memory-hard hash built into Node.
import crypto from "node:crypto";
import os from "node:os";
import { promisify } from "node:util";
import { concurrencyLimit } from "./concurrency-limit";

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

type Params = { N: number; r: number; p: number };

// N = 2^17, r = 8, p = 1: the minimum OWASP and ASVS (Appendix C) give for scrypt. PASSWORD_HASH_COST
// (log2 N) lowers it for test runs only. Each hash records its own parameters, so verification
// always uses the cost it was made with, and a weaker hash is replaced at the next sign-in (needsRehash).
const PARAMS: Params = { N: 2 ** Math.min(20, Math.max(10, Number(process.env.PASSWORD_HASH_COST) || 17)), r: 8, p: 1 };
const KEY_LENGTH = 64;

// One hash holds 128 · N · r bytes: 128 MiB at N = 2^17. Hashes run on libuv's thread pool, so a
// burst of sign-ins would hold that much per hash at once; a few at a time bounds the memory
// (4 × 128 MiB at most) and the others queue. Kept on globalThis: Next.js may load this module twice.
const holder = globalThis as { __stagelineHashLimit?: ReturnType<typeof concurrencyLimit> };
holder.__stagelineHashLimit ??= concurrencyLimit(Math.max(1, Math.min(4, os.availableParallelism())));
const limited = holder.__stagelineHashLimit;

const derive = (password: string, salt: Buffer, keyLength: number, { N, r, p }: Params) =>
  limited(() => scrypt(password, salt, keyLength, { N, r, p, maxmem: 128 * N * r * 2 }));

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), key.toString("base64")].join("$");
}

function parse(stored: string | null): (Params & { salt: Buffer; hash: Buffer }) | null {
  const parts = stored?.split("$") ?? [];
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { N, r, p, salt: Buffer.from(parts[4]!, "base64"), hash: Buffer.from(parts[5]!, "base64") };
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length === 0) {
    // Spend the same time on an unknown user as on a wrong password.
    await derive(password, crypto.randomBytes(16), KEY_LENGTH, PARAMS);
    return false;
  }
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return crypto.timingSafeEqual(actual, parsed.hash);
}

/** Was this hash made with weaker parameters than today's? Then it is replaced at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !!parsed && (parsed.N < PARAMS.N || parsed.r < PARAMS.r || parsed.hash.length < KEY_LENGTH);
}
