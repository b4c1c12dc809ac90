import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { roleCan } from "../../auth/permissions";
import { toCents, fromCents } from "../../domain/money";
import { AppError } from "../../errors";
import type { CreateTeamRequest, TeamResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, db } from "../db";
import { newId } from "../ids";

type TeamRow = { id: string; name: string; managerId: string | null; approvalDeputyId: string | null; targetCents: bigint | null; createdAt: Date };

export const toTeamResponse = (t: TeamRow): TeamResponse => ({
  id: t.id,
  name: t.name,
  managerId: t.managerId,
  approvalDeputyId: t.approvalDeputyId,
  target: t.targetCents === null ? null : fromCents(t.targetCents),
  createdAt: t.createdAt.toISOString(),
});

export async function createTeam(actor: Actor, input: CreateTeamRequest): Promise<TeamResponse> {
  assertCan(actor, "teams.manage");
  return database().transaction(async (tx) => {
    if (input.managerId) {
      const manager = await tx.selectFrom("User").select("role").where("id", "=", input.managerId).executeTakeFirst();
      if (!manager || !roleCan(manager.role, "teams.lead"))
        throw new AppError("VALIDATION_FAILED", "The manager must be an existing user with the manager role.", {
          fields: [{ field: "managerId", message: "no such manager" }],
        });
    }
    if (await tx.selectFrom("Team").select("id").where("name", "=", input.name).executeTakeFirst())
      throw new AppError("CONFLICT", "A team with this name already exists.", { field: "name" });
    const now = new Date();
    const team = await tx
      .insertInto("Team")
      .values({
        id: newId(),
        name: input.name,
        managerId: input.managerId ?? null,
        targetCents: input.target == null ? null : toCents(input.target),
        createdAt: now,
        updatedAt: now,
      })
      .returning(["id", "name", "managerId", "approvalDeputyId", "targetCents", "createdAt"])
      .executeTakeFirstOrThrow();
    const { createdAt: _, approvalDeputyId: __, ...after } = toTeamResponse(team);
    await recordAudit(tx, { actor: auditActor(actor), action: "team.created", object: { type: "team", id: team.id }, after });
    return toTeamResponse(team);
  });
}

export async function listTeams(actor: Actor): Promise<{ items: TeamResponse[] }> {
  assertCan(actor, "teams.manage");
  const teams = await db().team.findMany({ orderBy: { name: "asc" } });
  return { items: teams.map(toTeamResponse) };
}
