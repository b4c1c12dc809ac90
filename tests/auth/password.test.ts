import crypto from "node:crypto";
import { expect, test } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/src/auth/password";

test("a password verifies against its own hash only", async () => {
  const hash = await hashPassword("stageline-demo");
  expect(hash).not.toContain("stageline-demo");
  expect(await verifyPassword("stageline-demo", hash)).toBe(true);
  expect(await verifyPassword("stageline-demo ", hash)).toBe(false);
  expect(await verifyPassword("", hash)).toBe(false);
});

test("new hashes use scrypt with N = 2^17, r = 8, p = 1 unless PASSWORD_HASH_COST lowers N for tests", async () => {
  const cost = Number(process.env.PASSWORD_HASH_COST) || 17;
  expect(await hashPassword("any password")).toMatch(new RegExp(`^scrypt\\$${2 ** cost}\\$8\\$1\\$`));
  if (!process.env.PASSWORD_HASH_COST) expect(await hashPassword("x")).toMatch(/^scrypt\$131072\$8\$1\$/);
});

test("two hashes of one password differ (salted)", async () => {
  expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
});

test("a missing or malformed stored hash never verifies", async () => {
  expect(await verifyPassword("x", null)).toBe(false);
  expect(await verifyPassword("x", "plain-text")).toBe(false);
  expect(await verifyPassword("x", "scrypt$1$2$3")).toBe(false);
  expect(await verifyPassword("x", "scrypt$1000$8$1$c2FsdA==$aGFzaA==")).toBe(false); // N not a power of two
});

/** A hash as an older release made it, with a lower cost. */
function olderHash(password: string, N: number): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 64, { N, r: 8, p: 1 });
  return ["scrypt", N, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

test("a hash weaker than today's parameters needs a rehash, and still verifies until then", async () => {
  const old = olderHash("an older password", 2 ** 9);
  expect(needsRehash(old)).toBe(true);
  expect(await verifyPassword("an older password", old)).toBe(true);
  expect(needsRehash(await hashPassword("a current password"))).toBe(false);
  expect(needsRehash("not a hash")).toBe(false);
});
