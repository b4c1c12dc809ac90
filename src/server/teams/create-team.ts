import type { Team } from "../../generated/prisma/client";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/authorize";
import { toCents, fromCents } from "../../domain/money";
import { AppError } from "../../errors";
import type { CreateTeamRequest, TeamResponse } from "../../schemas/users";
import { db } from "../db";

const toTeamResponse = (t: Team): TeamResponse => ({
  id: t.id,
  name: t.name,
  managerId: t.managerId,
  target: t.targetCents === null ? null : fromCents(t.targetCents),
  createdAt: t.createdAt.toISOString(),
});

export async function createTeam(actor: Actor, input: CreateTeamRequest): Promise<TeamResponse> {
  assertCan(actor, "teams.manage");
  return db().$transaction(async (tx) => {
    if (input.managerId) {
      const manager = await tx.user.findUnique({ where: { id: input.managerId }, select: { role: true } });
      if (manager?.role !== "manager")
        throw new AppError("VALIDATION_FAILED", "The manager must be an existing user with the manager role.", {
          fields: [{ field: "managerId", message: "no such manager" }],
        });
    }
    if (await tx.team.findUnique({ where: { name: input.name }, select: { id: true } }))
      throw new AppError("CONFLICT", "A team with this name already exists.", { field: "name" });
    const team = await tx.team.create({
      data: {
        name: input.name,
        managerId: input.managerId ?? null,
        targetCents: input.target == null ? null : toCents(input.target),
      },
    });
    return toTeamResponse(team);
  });
}

export async function listTeams(actor: Actor): Promise<{ items: TeamResponse[] }> {
  assertCan(actor, "teams.manage");
  const teams = await db().team.findMany({ orderBy: { name: "asc" } });
  return { items: teams.map(toTeamResponse) };
}
