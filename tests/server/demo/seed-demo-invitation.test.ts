// The demo's pending invitation (docs/rules/demo-data.md, docs/rules/people.md): a new rep the demo
// admin invited the day before, listed as invited, whose e-mail is in the outbox as delivered and
// whose link opens the page to choose a password; the invitation is in the audit log.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { database, db } from "@/src/server/db";
import { DEMO_ADMIN, DEMO_INVITEE } from "@/src/server/demo/demo-users";
import { seedDemoData } from "@/src/server/demo/seed-demo";
import { ensureDefaultProcess } from "@/src/server/process/ensure-default-process";
import { listUsers } from "@/src/server/users/create-user";
import { readInvitation } from "@/src/server/users/invitations";
import { actorOf } from "../../support/board";

process.env.STORAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "stageline-demo-"));
const now = new Date("2026-11-15T12:00:00Z");

beforeAll(async () => {
  await database().transaction((tx) => ensureDefaultProcess(tx));
  await seedDemoData(database(), { now });
});

test("one user is invited: the new rep, without a password, sent a link by the demo admin", async () => {
  const admin = await actorOf(await db().user.findUniqueOrThrow({ where: { email: DEMO_ADMIN } }));
  const invited = (await listUsers(admin, { status: "invited" })).items;
  expect(invited.map((u) => [u.email, u.role, u.status])).toEqual([[DEMO_INVITEE.email, "rep", "invited"]]);
  expect((await db().user.findUniqueOrThrow({ where: { email: DEMO_INVITEE.email } })).passwordHash).toBeNull();

  const mail = await database().sql.selectFrom("OutboxMessage").selectAll().where("idempotencyKey", "like", "invitation:%").execute();
  expect(mail).toHaveLength(1);
  expect(mail[0]).toMatchObject({ channel: "email", status: "delivered" });
  const payload = (typeof mail[0]!.payload === "string" ? JSON.parse(mail[0]!.payload) : mail[0]!.payload) as { to: string[]; text: string };
  expect(payload.to).toEqual([DEMO_INVITEE.email]);
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(payload.text)?.[1] ?? "";
  // Sent 20 hours before the demo's day: still open on it.
  expect(await readInvitation(database().sql, token, now)).toMatchObject({ state: "open", email: DEMO_INVITEE.email });

  const entries = await db().auditEntry.findMany({ where: { action: "user.invited" } });
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ actorEmail: DEMO_ADMIN, after: { email: DEMO_INVITEE.email, role: "rep" } });
  expect(JSON.stringify(entries)).not.toContain(token);
});
