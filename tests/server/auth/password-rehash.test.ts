// Hashes made with weaker parameters (an older release's scrypt cost) are replaced at the next
// successful sign-in, while the password is at hand; nothing else changes them.
import crypto from "node:crypto";
import { expect, test } from "vitest";
import { needsRehash, verifyPassword } from "@/src/auth/password";
import { verifyCredentials } from "@/src/server/auth/verify-credentials";
import { db } from "@/src/server/db";
import { createUser, PASSWORD } from "../../support/fixtures";

const OLD_PASSWORD = "an older password, hashed cheaply";

function olderHash(password: string, N: number): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 64, { N, r: 8, p: 1 });
  return ["scrypt", N, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

async function userWithOlderHash() {
  const user = await createUser({ role: "rep" });
  const passwordHash = olderHash(OLD_PASSWORD, 2 ** 9); // below even the tests' lowered cost
  await db().user.update({ where: { id: user.id }, data: { passwordHash } });
  return { user, passwordHash };
}

const storedHash = async (id: string) => (await db().user.findUniqueOrThrow({ where: { id } })).passwordHash!;
const signIn = (email: string, password: string) => verifyCredentials(db(), { email, password, clientAddress: null });

test("a successful sign-in replaces a weaker hash with one at today's cost, for the same password", async () => {
  const { user, passwordHash } = await userWithOlderHash();
  expect((await signIn(user.email, OLD_PASSWORD)).id).toBe(user.id);
  const upgraded = await storedHash(user.id);
  expect(upgraded).not.toBe(passwordHash);
  expect(needsRehash(upgraded)).toBe(false);
  expect(upgraded.split("$")[1]).toBe(String(2 ** (Number(process.env.PASSWORD_HASH_COST) || 17)));
  expect(await verifyPassword(OLD_PASSWORD, upgraded)).toBe(true);
  expect((await signIn(user.email, OLD_PASSWORD)).id).toBe(user.id);
});

test("a failed sign-in leaves the hash alone", async () => {
  const { user, passwordHash } = await userWithOlderHash();
  await expect(signIn(user.email, "not the password")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  expect(await storedHash(user.id)).toBe(passwordHash);
});

test("a hash already at today's cost is not rewritten", async () => {
  const user = await createUser({ role: "rep" });
  const before = await storedHash(user.id);
  await signIn(user.email, PASSWORD);
  expect(await storedHash(user.id)).toBe(before);
});
