// A team's approval deputy decides for the "sales manager" approver group in place of the team's
// manager (docs/rules/deal-desk.md#the-sales-manager-deputy). An admin names one, or none.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { rolesWith, type Role } from "../../auth/permissions";
import { AppError, notFound } from "../../errors";
import type { TeamResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, type Sql } from "../db";
import { toTeamResponse } from "./create-team";

type Candidate = { id: string; role: Role; active: boolean };

/** Why this user cannot be the team's deputy, or null when they can: an active manager who is not its manager already. */
export function deputyProblem(user: Candidate | undefined, team: { managerId: string | null }): string | null {
  if (!user) return "no such user";
  if (!rolesWith("teams.lead").includes(user.role)) return "the deputy must have the manager role";
  if (!user.active) return "the deputy must be an active user";
  if (user.id === team.managerId) return "the team's manager already decides for it";
  return null;
}

export async function setApprovalDeputy(actor: Actor, teamId: string, userId: string | null, now = new Date()): Promise<TeamResponse> {
  assertCan(actor, "teams.manage");
  return database().transaction(async (tx) => {
    const team = await tx
      .selectFrom("Team")
      .select(["id", "managerId", "approvalDeputyId", "name"])
      .where("id", "=", teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!team) throw notFound("Team");
    if (userId !== null) {
      // Locked too, so that a deactivation or a change of role cannot slip in between the check and the write.
      const user = await tx.selectFrom("User").select(["id", "role", "active"]).where("id", "=", userId).forShare().executeTakeFirst();
      const problem = deputyProblem(user, team);
      if (problem)
        throw new AppError("VALIDATION_FAILED", "This user cannot be the team's approval deputy.", {
          fields: [{ field: "userId", message: problem }],
        });
    }
    const row = await tx
      .updateTable("Team")
      .set({ approvalDeputyId: userId, updatedAt: now })
      .where("id", "=", teamId)
      .returning(["id", "name", "managerId", "approvalDeputyId", "targetCents", "createdAt"])
      .executeTakeFirstOrThrow();
    if (team.approvalDeputyId !== userId)
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "team.deputy_changed",
        object: { type: "team", id: teamId },
        before: { name: team.name, approvalDeputyId: team.approvalDeputyId },
        after: { name: team.name, approvalDeputyId: userId },
      });
    return toTeamResponse(row);
  });
}

/** Active users who may be named a deputy of some team (each team's own manager aside), by name. */
export async function deputyCandidates(q: Sql): Promise<{ id: string; name: string }[]> {
  return q
    .selectFrom("User")
    .select(["id", "name"])
    .where("active", "=", true)
    .where("role", "in", rolesWith("teams.lead"))
    .orderBy("name")
    .orderBy("id")
    .execute();
}
