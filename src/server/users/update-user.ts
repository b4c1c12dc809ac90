// An admin changes a user (docs/rules/people.md): their role, team and deal desk groups, and whether
// they are active (set-user-active.ts). Each change is one transaction with its audit entry.
import { sql } from "kysely";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { type DeskGroup, hasDeskGroups, roleCan } from "../../auth/permissions";
import { AppError, notFound } from "../../errors";
import type { UpdateUserRequest, UserResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database } from "../db";
import { setUserActive } from "./set-user-active";
import { loadUser } from "./user-response";

const sameGroups = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const invalid = (field: string, message: string, summary: string) => new AppError("VALIDATION_FAILED", summary, { fields: [{ field, message }] });

/** Changes a user's role, team and groups, then (when asked) whether they are active. */
export async function updateUser(actor: Actor, userId: string, input: UpdateUserRequest, now = new Date()): Promise<UserResponse> {
  assertCan(actor, "users.manage");
  const { active, ...profile } = input;
  if (Object.values(profile).some((v) => v !== undefined)) await changeProfile(actor, userId, profile, now);
  if (active !== undefined) await setUserActive(actor, userId, active, now);
  // Read back whole: the status (an invited user stays invited when reactivated) and the latest sign-in.
  const user = await loadUser(database().sql, userId);
  if (!user) throw notFound("User");
  return user;
}

async function changeProfile(actor: Actor, userId: string, input: Omit<UpdateUserRequest, "active">, now: Date) {
  await database().transaction(async (tx) => {
    const was = await tx
      .selectFrom("User")
      .select(["id", "email", "role", "teamId"])
      .select(sql<DeskGroup[]>`"groups"::text[]`.as("groups"))
      .where("id", "=", userId)
      .forUpdate()
      .executeTakeFirst();
    if (!was) throw notFound("User");
    const role = input.role ?? was.role;
    const teamId = input.teamId === undefined ? was.teamId : input.teamId;
    // A role without groups drops them; a deal desk role needs some, given or kept.
    const groups = hasDeskGroups(role) ? (input.groups ?? was.groups) : (input.groups ?? []);
    if (groups.length && !hasDeskGroups(role))
      throw invalid("groups", "only deal desk users belong to groups", "Only deal desk users belong to groups.");
    if (hasDeskGroups(role) && !groups.length)
      throw invalid("groups", "a deal desk user needs at least one group", "A deal desk user needs at least one group.");
    if (role !== was.role) {
      // An admin who took away their own right to manage users could leave no one to undo it.
      if (userId === actor.id && !roleCan(role, "users.manage"))
        throw invalid("role", "you cannot take away your own admin role", "You cannot change your own role.");
      if (!roleCan(role, "teams.lead")) {
        const leads = await tx
          .selectFrom("Team")
          .select("name")
          .where((eb) => eb.or([eb("managerId", "=", userId), eb("approvalDeputyId", "=", userId)]))
          .execute();
        if (leads.length)
          throw invalid(
            "role",
            `manages or deputises for ${leads.map((t) => t.name).join(", ")}: name someone else there first`,
            "This user leads a team: name another manager or deputy first.",
          );
      }
      if (!roleCan(role, "opportunity.create")) {
        const open = await tx
          .selectFrom("Opportunity")
          .select(sql<number>`count(*)::int`.as("n"))
          .where("ownerId", "=", userId)
          .where("status", "=", "open")
          .executeTakeFirstOrThrow();
        if (open.n > 0)
          throw invalid(
            "role",
            `owns ${open.n} open deal${open.n === 1 ? "" : "s"}: reassign them first`,
            "This role may not own deals: reassign the user's open deals first.",
          );
      }
    }
    if (teamId && teamId !== was.teamId && !(await tx.selectFrom("Team").select("id").where("id", "=", teamId).executeTakeFirst()))
      throw invalid("teamId", "no such team", "The team does not exist.");
    if (role === was.role && teamId === was.teamId && sameGroups(groups, was.groups)) return; // nothing changes
    await tx
      .updateTable("User")
      .set({ role, teamId, groups: sql<DeskGroup[]>`CAST(${`{${groups.join(",")}}`} AS "DeskGroup"[])`, updatedAt: now })
      .where("id", "=", userId)
      .execute();
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.changed",
      object: { type: "user", id: userId },
      before: { email: was.email, role: was.role, teamId: was.teamId, groups: was.groups },
      after: { email: was.email, role, teamId, groups },
      at: now,
    });
  });
}
