// A server without demo data gets its first admin from the command line, with a generated password:
// no account with a known password exists on it.
import { expect, test } from "vitest";
import type { AppError } from "@/src/errors";
import { NewPassword } from "@/src/schemas/password";
import { verifyCredentials } from "@/src/server/auth/verify-credentials";
import { wantsDemoData } from "@/src/server/boot/wants-demo-data";
import { database, db } from "@/src/server/db";
import { createFirstAdmin } from "@/src/server/users/create-first-admin";

test("the admin signs in with the generated password, and only with it", async () => {
  const { id, password } = await createFirstAdmin(database(), { email: " Owner@Example.test ", name: "Owner" });
  expect(password.length).toBeGreaterThanOrEqual(24);
  expect(NewPassword.safeParse(password).success).toBe(true); // the rules every new password meets
  expect((await db().user.findUniqueOrThrow({ where: { id } })).role).toBe("admin");
  // The audit log says where the first admin came from, without the password.
  expect(await db().auditEntry.findMany({ where: { objectId: id } })).toEqual([
    expect.objectContaining({ actorId: id, actorEmail: "owner@example.test", action: "user.created", clientAddress: null, before: null }),
  ]);
  const entry = await db().auditEntry.findFirstOrThrow({ where: { objectId: id } });
  expect(entry.after).toMatchObject({ role: "admin", via: "npm run create-admin", password: "[secret]" });
  expect(JSON.stringify(entry)).not.toContain(password);
  const actor = await verifyCredentials(db(), { email: "owner@example.test", password, clientAddress: null });
  expect([actor.id, actor.role]).toEqual([id, "admin"]);
  await expect(verifyCredentials(db(), { email: "owner@example.test", password: "stageline-demo", clientAddress: null })).rejects.toMatchObject({
    code: "UNAUTHENTICATED",
  });
});

test("an e-mail already taken, or not an e-mail, is refused and nothing is written", async () => {
  await createFirstAdmin(database(), { email: "taken@example.test", name: "First" });
  const refused = (email: string) => createFirstAdmin(database(), { email, name: "Second" }).catch((e: AppError) => e.code);
  expect(await refused("taken@example.test")).toBe("CONFLICT");
  expect(await refused("not-an-email")).toBe("VALIDATION_FAILED");
  expect(await db().user.count({ where: { name: "Second" } })).toBe(0);
  expect(await db().auditEntry.count({ where: { action: "user.created", actorEmail: "taken@example.test" } })).toBe(1);
});

test("demo data is the default on the embedded database only; a server gets it only when asked", () => {
  expect(wantsDemoData({ PGLITE_DIR: "memory://" })).toBe(true);
  expect(wantsDemoData({ DATABASE_URL: "postgres://db.internal/stageline" })).toBe(false);
  expect(wantsDemoData({ DATABASE_URL: "postgres://db.internal/stageline", STAGELINE_DEMO_DATA: "1" })).toBe(true);
  expect(wantsDemoData({ STAGELINE_DEMO_DATA: "0" })).toBe(false);
});
