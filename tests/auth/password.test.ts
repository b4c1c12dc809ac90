import { expect, test } from "vitest";
import { hashPassword, verifyPassword } from "@/src/auth/password";

test("a password verifies against its own hash only", async () => {
  const hash = await hashPassword("stageline-demo");
  expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  expect(hash).not.toContain("stageline-demo");
  expect(await verifyPassword("stageline-demo", hash)).toBe(true);
  expect(await verifyPassword("stageline-demo ", hash)).toBe(false);
  expect(await verifyPassword("", hash)).toBe(false);
});

test("two hashes of one password differ (salted)", async () => {
  expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
});

test("a missing or malformed stored hash never verifies", async () => {
  expect(await verifyPassword("x", null)).toBe(false);
  expect(await verifyPassword("x", "plain-text")).toBe(false);
  expect(await verifyPassword("x", "scrypt$1$2$3")).toBe(false);
});
