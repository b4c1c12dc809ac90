import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { roleCan } from "../../auth/permissions";
import { toCents, fromCents } from "../../domain/money";
import { AppError } from "../../errors";
import type { CreateTeamRequest, TeamResponse } from "../../schemas/users";
import { auditActor, recordAudit } from "../audit/record-audit";
import { database, db, type Sql } from "../db";
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

/** Why this user cannot manage a team, or null: an existing, active user with the manager role. */
export async function managerProblem(q: Sql, managerId: string): Promise<string | null> {
  const manager = await q.selectFrom("User").select(["role", "active"]).where("id", "=", managerId).forShare().executeTakeFirst();
  if (!manager) return "no such manager";
  if (!roleCan(manager.role, "teams.lead")) return "the manager must have the manager role";
  if (!manager.active) return "the manager must be an active user";
  return null;
}

export async function createTeam(actor: Actor, input: CreateTeamRequest): Promise<TeamResponse> {
  assertCan(actor, "teams.manage");
  return database().transaction(async (tx) => {
    const problem = input.managerId ? await managerProblem(tx, input.managerId) : null;
    if (problem)
      throw new AppError("VALIDATION_FAILED", "The manager must be an existing user with the manager role.", {
        fields: [{ field: "managerId", message: problem }],
      });
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
  const teams = await db().team.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { members: { where: { active: true } } } } },
  });
  return { items: teams.map((t) => ({ ...toTeamResponse(t), memberCount: t._count.members })) };
}
