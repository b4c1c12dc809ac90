import { sql } from "kysely";
import type { DeskGroup, Role } from "../../auth/permissions";
import type { UserListQuery, UserResponse, UserStatus } from "../../schemas/users";
import type { Sql } from "../db";

type UserRow = { id: string; email: string; name: string; role: Role; teamId: string | null; groups: DeskGroup[]; active: boolean; createdAt: Date };

/** A user's status: deactivated, invited (no password chosen yet through their invitation), or active. */
export const userStatus = (u: { active: boolean; invited?: boolean }): UserStatus => (!u.active ? "deactivated" : u.invited ? "invited" : "active");

export const toUserResponse = (u: UserRow & { invited?: boolean; lastSignInAt?: Date | null }): UserResponse => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  teamId: u.teamId,
  groups: u.groups,
  active: u.active,
  status: userStatus(u),
  lastSignInAt: u.lastSignInAt ? u.lastSignInAt.toISOString() : null,
  createdAt: u.createdAt.toISOString(),
});

/** Whether a user (aliased `u`) is still invited: invited, and no password chosen yet (a used link sets one). */
const invitedSql = sql<boolean>`("u"."passwordHash" IS NULL AND EXISTS (SELECT 1 FROM "UserInvitation" i WHERE i."userId" = "u"."id"))`;

/** Users with their status and latest sign-in, by name; filtered by role, team and status. */
export async function loadUsers(q: Sql, filter: UserListQuery & { id?: string } = {}): Promise<UserResponse[]> {
  let query = q
    .selectFrom("User as u")
    .select(["u.id", "u.email", "u.name", "u.role", "u.teamId", "u.active", "u.createdAt"])
    .select(sql<DeskGroup[]>`"u"."groups"::text[]`.as("groups"))
    .select(invitedSql.as("invited"))
    .select(sql<Date | null>`(SELECT max(c."lastSignInAt") FROM "SignInClient" c WHERE c."userId" = "u"."id")`.as("lastSignInAt"));
  if (filter.id) query = query.where("u.id", "=", filter.id);
  if (filter.role) query = query.where("u.role", "=", filter.role);
  if (filter.teamId) query = query.where("u.teamId", "=", filter.teamId);
  if (filter.status === "deactivated") query = query.where("u.active", "=", false);
  if (filter.status === "invited") query = query.where("u.active", "=", true).where(invitedSql);
  if (filter.status === "active") query = query.where("u.active", "=", true).where(sql<boolean>`NOT ${invitedSql}`);
  const rows = await query.orderBy("u.name").orderBy("u.id").execute();
  return rows.map((r) => toUserResponse({ ...r, lastSignInAt: r.lastSignInAt ? new Date(r.lastSignInAt) : null }));
}

export async function loadUser(q: Sql, id: string): Promise<UserResponse | undefined> {
  return (await loadUsers(q, { id }))[0];
}
