import type { Reader } from "../server/db";
import type { Actor } from "./actor";
import { roleCan } from "./permissions";

/** The active user with this id as an Actor, or null (unknown or deactivated). */
export async function findActor(tx: Reader, userId: string): Promise<Actor | null> {
  const user = await tx.user.findUnique({ where: { id: userId }, include: { managedTeams: { select: { id: true } } } });
  return user?.active ? toActor(user) : null;
}

type UserRow = Omit<Actor, "teamIds" | "mustChangePassword"> & { managedTeams: { id: string }[]; mustChangePassword?: boolean };

export function toActor(user: UserRow): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    groups: user.groups,
    teamIds: actorTeamIds(
      user,
      user.managedTeams.map((t) => t.id),
    ),
    ...(user.mustChangePassword ? { mustChangePassword: true as const } : {}),
  };
}

/** A manager oversees their own team and every team they manage; anyone else only their own team. */
export function actorTeamIds(user: Pick<Actor, "role" | "teamId">, managedTeamIds: readonly string[]): string[] {
  if (!roleCan(user.role, "teams.lead")) return user.teamId ? [user.teamId] : [];
  return [...new Set([user.teamId, ...managedTeamIds].filter((t): t is string => !!t))];
}
