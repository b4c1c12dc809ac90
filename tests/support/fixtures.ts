// Real rows for tests, written through Prisma on the test's own database.
import crypto from "node:crypto";
import { issueApiToken } from "@/src/auth/api-tokens";
import { hashPassword } from "@/src/auth/password";
import type { DeskGroup, Role } from "@/src/auth/permissions";
import { db } from "@/src/server/db";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined; // scrypt is slow on purpose: hash once per file

export type TestUser = { id: string; email: string; role: Role; teamId: string | null; token: string };

export async function createUser(
  options: { role: Role; teamId?: string | null; groups?: DeskGroup[]; email?: string; name?: string; active?: boolean } = {
    role: "rep",
  },
): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = options.email ?? `${options.role}-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const user = await db().user.create({
    data: {
      email,
      name: options.name ?? `Test ${options.role}`,
      role: options.role,
      teamId: options.teamId ?? null,
      groups: options.groups ?? [],
      passwordHash: await passwordHash,
      active: options.active ?? true,
    },
  });
  const { token } = await issueApiToken(db(), user.id, { name: "test" });
  return { id: user.id, email, role: user.role, teamId: user.teamId, token };
}

export async function createTeam(name = `Team ${crypto.randomUUID().slice(0, 6)}`, managerId?: string) {
  return db().team.create({ data: { name, managerId: managerId ?? null } });
}

/** A manager with a team of two reps, plus a rep of another team: the cast of visibility tests. */
export async function createOrg() {
  const team = await createTeam("Enterprise");
  const otherTeam = await createTeam("Mid-Market");
  const manager = await createUser({ role: "manager", teamId: team.id });
  await db().team.update({ where: { id: team.id }, data: { managerId: manager.id } });
  const rep = await createUser({ role: "rep", teamId: team.id });
  const teammate = await createUser({ role: "rep", teamId: team.id });
  const outsider = await createUser({ role: "rep", teamId: otherTeam.id });
  const admin = await createUser({ role: "admin" });
  const finance = await createUser({ role: "deal_desk", groups: ["finance"] });
  return { team, otherTeam, manager, rep, teammate, outsider, admin, finance };
}
