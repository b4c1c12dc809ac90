// An admin renames a team or names its manager (docs/rules/people.md#teams), with its audit entry.
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { AppError, notFound } from "../../errors";
import type { TeamResponse, UpdateTeamRequest } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database } from "../db";
import { managerProblem, toTeamResponse } from "./create-team";

export async function updateTeam(actor: Actor, teamId: string, input: UpdateTeamRequest, now = new Date()): Promise<TeamResponse> {
  assertCan(actor, "teams.manage");
  return database().transaction(async (tx) => {
    const team = await tx
      .selectFrom("Team")
      .select(["id", "name", "managerId", "approvalDeputyId"])
      .where("id", "=", teamId)
      .forUpdate()
      .executeTakeFirst();
    if (!team) throw notFound("Team");
    const name = input.name ?? team.name;
    const managerId = input.managerId === undefined ? team.managerId : input.managerId;
    if (managerId && managerId !== team.managerId) {
      const problem = await managerProblem(tx, managerId);
      if (problem)
        throw new AppError("VALIDATION_FAILED", "This user cannot manage the team.", { fields: [{ field: "managerId", message: problem }] });
    }
    if (name !== team.name && (await tx.selectFrom("Team").select("id").where("name", "=", name).where("id", "!=", teamId).executeTakeFirst()))
      throw new AppError("CONFLICT", "A team with this name already exists.", { field: "name" });
    // The manager decides for the team already: they cannot stay its deputy as well.
    const approvalDeputyId = managerId && managerId === team.approvalDeputyId ? null : team.approvalDeputyId;
    const row = await tx
      .updateTable("Team")
      .set({ name, managerId, approvalDeputyId, updatedAt: now })
      .where("id", "=", teamId)
      .returning(["id", "name", "managerId", "approvalDeputyId", "targetCents", "createdAt"])
      .executeTakeFirstOrThrow();
    if (name !== team.name || managerId !== team.managerId)
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "team.updated",
        object: { type: "team", id: teamId },
        before: { name: team.name, managerId: team.managerId, approvalDeputyId: team.approvalDeputyId },
        after: { name, managerId, approvalDeputyId },
        at: now,
      });
    return toTeamResponse(row);
  });
}
